package io.rustyredis.transport;

import com.lmax.disruptor.EventHandler;
import io.rustyredis.engine.CommandEvent;

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
 * <p>{@code SHUTDOWN} makes the reply stage flush in the middle of a batch; the journal is told it
 * is the end of a batch first, so the replies it releases are on disk when the policy says so.
 */
final class SerialStages implements EventHandler<CommandEvent> {
  private final EventHandler<CommandEvent> engine;
  private final EventHandler<CommandEvent> journal;
  private final EventHandler<CommandEvent> replies;

  SerialStages(final EventHandler<CommandEvent> engine, final EventHandler<CommandEvent> journal,
      final EventHandler<CommandEvent> replies) {
    this.engine = engine;
    this.journal = journal;
    this.replies = replies;
  }

  @Override
  public void onEvent(final CommandEvent event, final long sequence, final boolean endOfBatch) throws Exception {
    engine.onEvent(event, sequence, endOfBatch);
    journal.onEvent(event, sequence, endOfBatch || event.shutdown);
    replies.onEvent(event, sequence, endOfBatch);
  }
}
