package io.rustyredis.engine.rdb;

import io.rustyredis.engine.JournalStatus;
import io.rustyredis.engine.signals.KeyspaceSignals;

/**
 * What INFO's persistence section and LASTSAVE report about snapshots and AOF rewrites: when the
 * last one succeeded, whether one is running or scheduled and how the last one ended. Written only by
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
  private long rewriteStartedMillis = -1;
  private long lastRewriteSeconds = -1;
  private boolean lastRewriteOk = true;
  private boolean rewriteScheduled;
  private long rewrites;
  private long rewriteFailuresInARow;
  private long lastRewriteFailedMillis = Long.MIN_VALUE;
  private JournalBase journalBase = new MemoryJournalBase();
  private JournalStatus journalStatus = new JournalStatus();

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

  /** Where the AOF sizes INFO reports come from. */
  public void journalBase(final JournalBase journalBase) {
    this.journalBase = journalBase;
  }

  /** Where the journal's last append result comes from. */
  public void journalStatus(final JournalStatus journalStatus) {
    this.journalStatus = journalStatus;
  }

  /** Redis's {@code aof_last_write_status}. */
  public boolean aofLastWriteOk() {
    return journalStatus.error() == null;
  }

  public long aofCurrentSize() {
    return journalBase.currentSize();
  }

  public long aofBaseSize() {
    return journalBase.baseSize();
  }

  public boolean rewriteInProgress() {
    return rewriteStartedMillis >= 0;
  }

  /** Seconds the running AOF rewrite has taken so far, or -1. */
  public long currentRewriteSeconds(final long nowMillis) {
    return rewriteStartedMillis < 0 ? -1 : (nowMillis - rewriteStartedMillis) / 1000;
  }

  public long lastRewriteSeconds() {
    return lastRewriteSeconds;
  }

  public boolean lastRewriteOk() {
    return lastRewriteOk;
  }

  public boolean rewriteScheduled() {
    return rewriteScheduled;
  }

  public void rewriteScheduled(final boolean scheduled) {
    rewriteScheduled = scheduled;
  }

  /** AOF rewrites started (Redis's {@code aof_rewrites}). */
  public long rewrites() {
    return rewrites;
  }

  public long rewriteFailuresInARow() {
    return rewriteFailuresInARow;
  }

  /** When the last AOF rewrite failed, or {@link Long#MIN_VALUE} if none has. */
  public long lastRewriteFailedMillis() {
    return lastRewriteFailedMillis;
  }

  public void rewriteStarted(final long nowMillis) {
    rewriteStartedMillis = nowMillis;
    rewrites++;
  }

  public void rewriteEnded(final long nowMillis, final boolean ok) {
    lastRewriteSeconds = (nowMillis - rewriteStartedMillis) / 1000;
    rewriteStartedMillis = -1;
    lastRewriteOk = ok;
    if (ok) {
      rewriteFailuresInARow = 0;
    } else {
      rewriteFailuresInARow++;
      lastRewriteFailedMillis = nowMillis;
    }
  }
}
