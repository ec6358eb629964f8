package io.rustyredis.transport;

import com.lmax.disruptor.EventHandler;
import io.rustyredis.engine.CommandEvent;
import io.rustyredis.engine.EventType;
import java.util.function.LongFunction;

/**
 * The ring's one consumer: runs the engine, the journal stage and the reply stage for each event,
 * one after the other, on one thread.
 *
 * <p>Why one thread and not one per stage: on the two-core machines we serve from, Netty's event
 * loop, the engine, the journal stage and the reply stage were four threads taking turns on two
 * cores (three when {@code redis-benchmark} shares the machine), and every batch paid two
 * cross-thread hand-offs (a park, a futex wake-up, a cold cache) for stages that, with appendonly
 * off, do nothing but read a flag and copy bytes. Run in one thread the stages still see each event
 * in ring order, so nothing of the ordering changes: a connection's replies leave in the order of
 * its commands, and a write's reply is queued only after its effect is appended, and written only
 * at the end of the batch, after the journal's group commit ({@code appendfsync always}) for that
 * batch. The cost is that an fsync now holds up the engine rather than a stage behind it, as it
 * holds up Redis's one thread.
 *
 * <p>The reply stage sees a batch's events after the journal stage has seen all of them: the
 * journal appends a batch's effects as one document at its end (one Chronicle append per batch
 * rather than per write, see {@code JournalStage}), and a reply may leave only once what it
 * acknowledges is appended, or be turned into an error when the append failed. The events are
 * still in the ring then: its slots are not handed back to the producers before the batch ends.
 *
 * <p>{@code SHUTDOWN} ends the batch where it is: the journal appends and forces what came before,
 * and the reply stage flushes, since nothing after it may be reached.
 */
final class SerialStages implements EventHandler<CommandEvent> {
  private final EventHandler<CommandEvent> engine;
  private final EventHandler<CommandEvent> journal;
  private final EventHandler<CommandEvent> replies;
  /** The ring's events by sequence, to hand a finished batch to the reply stage. */
  private final LongFunction<CommandEvent> events;
  /** The first sequence of the batch in progress, -1 between batches. */
  private long batchStart = -1;
  /** The ring's wait, told whether one client alone is sending (null: a wait that does not care). */
  private final StageWaitStrategy wait;
  /** Commands seen in the current window, and how often the sending connection changed in it. */
  private int windowCommands;
  private int senderChanges;
  private long lastSender = -1;
  private static final int WINDOW = 64;

  SerialStages(final EventHandler<CommandEvent> engine, final EventHandler<CommandEvent> journal,
      final EventHandler<CommandEvent> replies, final LongFunction<CommandEvent> events, final StageWaitStrategy wait) {
    this.events = events;
    this.engine = engine;
    this.journal = journal;
    this.replies = replies;
    this.wait = wait;
  }

  @Override
  public void onEvent(final CommandEvent event, final long sequence, final boolean endOfBatch) throws Exception {
    if (batchStart < 0) {
      batchStart = sequence;
    }
    engine.onEvent(event, sequence, endOfBatch);
    final boolean end = endOfBatch || event.shutdown;
    journal.onEvent(event, sequence, end);
    if (wait != null && event.type == EventType.COMMAND) {
      watchSenders(event.connectionId);
    }
    if (end) {
      for (long s = batchStart; s < sequence; s++) {
        replies.onEvent(events.apply(s), s, false);
      }
      replies.onEvent(event, sequence, endOfBatch);
      batchStart = -1;
    }
  }

  // The stages that hold resources (the reply stage's kept buffers) hear of the ring's start and stop.
  @Override
  public void onStart() {
    engine.onStart();
    journal.onStart();
    replies.onStart();
  }

  @Override
  public void onShutdown() {
    engine.onShutdown();
    journal.onShutdown();
    replies.onShutdown();
  }

  /** Every {@value #WINDOW} commands: did they all come from one connection? */
  private void watchSenders(final long sender) {
    if (sender != lastSender) {
      senderChanges++;
      lastSender = sender;
    }
    if (++windowCommands == WINDOW) {
      wait.loneSender(senderChanges <= 1);
      windowCommands = 0;
      senderChanges = 0;
    }
  }
}
