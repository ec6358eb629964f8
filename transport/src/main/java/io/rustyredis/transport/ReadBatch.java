package io.rustyredis.transport;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.rustyredis.engine.CommandEvent;

/**
 * The ring slots an event loop's reads have claimed and not yet published: published together, so
 * the engine is woken once per batch rather than once per command.
 *
 * <p>Whose batch it is decides how much gathers in it. Each event loop has one ({@link
 * RingEventLoop}) that it publishes at the end of each pass over its ready sockets, so the commands
 * of every client that was ready in that pass go to the engine as one batch, and their replies come
 * back as one write task. That is how Redis's own loop batches: all ready clients are read, then all
 * replies written. Publishing per socket read instead woke the engine for each client and cost
 * 10-13% of the throughput at {@code -c 50 -P 1} (bench/README.md, third pass). A connection
 * served by a plain Netty loop (none is, in the server) would get a batch of its own, published at
 * the end of each of its reads: nothing would publish it otherwise.
 *
 * <p>Never waits for space while holding unpublished slots (the engine could not get past them to
 * make space): when the ring is full it publishes what it has first. Only its loop's thread uses it.
 */
final class ReadBatch {
  /** Most slots held unpublished; keeps the engine fed during a huge pipelined read. */
  private static final int MAX_BATCH = 256;

  private final RingBuffer<CommandEvent> ring;
  /** Whether its event loop publishes it after each pass; if not, each read does. */
  final boolean publishedByLoop;
  // The slots claimed and not yet published (first < 0: none).
  private long first = -1;
  private long last;

  ReadBatch(final RingBuffer<CommandEvent> ring, final boolean publishedByLoop) {
    this.ring = ring;
    this.publishedByLoop = publishedByLoop;
  }

  long claim() {
    long sequence;
    if (first < 0) {
      sequence = ring.next();
      first = sequence;
    } else if (last - first + 1 >= MAX_BATCH) {
      publish();
      sequence = ring.next();
      first = sequence;
    } else {
      try {
        sequence = ring.tryNext();
      } catch (final InsufficientCapacityException full) {
        publish();
        sequence = ring.next();
        first = sequence;
      }
    }
    if (sequence != first && sequence != last + 1) {
      // Another producer (an I/O thread, the clock, the journal loader) claimed the slots in
      // between: a range published from here would release them before their owner filled them.
      publish();
      first = sequence;
    }
    last = sequence;
    return sequence;
  }

  /** At the end of one connection's read: publishes, unless the loop will at the end of its pass. */
  void endOfRead() {
    if (!publishedByLoop) {
      publish();
    }
  }

  void publish() {
    if (first >= 0) {
      ring.publish(first, last);
      first = -1;
    }
  }
}
