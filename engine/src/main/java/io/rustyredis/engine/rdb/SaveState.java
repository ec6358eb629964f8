package io.rustyredis.engine.rdb;

import io.rustyredis.engine.signals.KeyspaceSignals;

/**
 * What INFO's persistence section and LASTSAVE report about snapshots: when the last one
 * succeeded, whether a background save is running and how the last one ended. Written only by
 * {@link io.rustyredis.engine.commands.PersistenceCommands} on the engine thread, read by INFO on
 * the same thread.
 */
public final class SaveState {
  private final KeyspaceSignals signals;
  private long lastSaveMillis;
  private long bgsaveStartedMillis = -1;
  private long lastBgsaveSeconds = -1;
  private boolean lastBgsaveOk = true;
  private long saves;
  private long lastLoadKeys;
  private long lastLoadExpired;
  private long saveKeysProcessed;
  private long saveKeysTotal;

  public SaveState(final KeyspaceSignals signals, final long startMillis) {
    this.signals = signals;
    this.lastSaveMillis = startMillis;
  }

  /** Redis's {@code server.dirty}: changes since the last successful save. */
  public long changesSinceLastSave() {
    return signals.dirty();
  }

  public long lastSaveSeconds() {
    return lastSaveMillis / 1000;
  }

  public boolean bgsaveInProgress() {
    return bgsaveStartedMillis >= 0;
  }

  /** Seconds the running background save has taken so far, or -1. */
  public long currentBgsaveSeconds(final long nowMillis) {
    return bgsaveStartedMillis < 0 ? -1 : (nowMillis - bgsaveStartedMillis) / 1000;
  }

  public long lastBgsaveSeconds() {
    return lastBgsaveSeconds;
  }

  public boolean lastBgsaveOk() {
    return lastBgsaveOk;
  }

  public long saves() {
    return saves;
  }

  /** Keys the running background save has written so far; 0 when none runs. */
  public long saveKeysProcessed() {
    return bgsaveInProgress() ? saveKeysProcessed : 0;
  }

  /** Keys there were when the running background save began; 0 when none runs. */
  public long saveKeysTotal() {
    return bgsaveInProgress() ? saveKeysTotal : 0;
  }

  /** How far the running background save's walk has come. */
  public void saveProgress(final long processed, final long total) {
    saveKeysProcessed = processed;
    saveKeysTotal = total;
  }

  public long lastLoadKeys() {
    return lastLoadKeys;
  }

  public long lastLoadExpired() {
    return lastLoadExpired;
  }

  /** Records a load at startup: the keys it brought and those it dropped as already expired. */
  public void loaded(final long keys, final long expired) {
    lastLoadKeys = keys;
    lastLoadExpired = expired;
  }

  /** A save (foreground or background) succeeded at {@code nowMillis}. */
  public void saved(final long nowMillis) {
    lastSaveMillis = nowMillis;
    saves++;
  }

  public void bgsaveStarted(final long nowMillis) {
    bgsaveStartedMillis = nowMillis;
  }

  public void bgsaveEnded(final long nowMillis, final boolean ok) {
    lastBgsaveSeconds = (nowMillis - bgsaveStartedMillis) / 1000;
    bgsaveStartedMillis = -1;
    lastBgsaveOk = ok;
  }
}
