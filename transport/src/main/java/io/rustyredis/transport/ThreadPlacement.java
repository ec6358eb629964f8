package io.rustyredis.transport;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import net.openhft.affinity.Affinity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which CPUs the server's hot threads (the ring's consumer and the I/O threads) may run on.
 *
 * <p>Every command crosses between those two threads twice: the I/O thread publishes it and wakes
 * the consumer, the consumer hands the reply back and wakes the I/O thread. On two different CPUs
 * each wake-up is an interrupt to the other CPU, and the woken thread takes that CPU from whatever
 * ran there, often the clients. On one CPU the two alternate like coroutines, and the rest of the
 * machine is left to the clients, the kernel's network stack, the JIT, GC and the journal's fsync.
 * Measured on the 2-core bench machine (bench/README.md, fourth pass): sharing one CPU gave 21-45%
 * more throughput at {@code -c 50 -P 1} and 6-21% at {@code -P 16}; the same two threads pinned
 * to two different CPUs lost up to 26%.
 * The consumer is busy 16% of the time at {@code -c 50 -P 1}: the parallelism given up is small.
 *
 * <p>Three settings: {@code server_cpulist} (Redis 7.0's, same syntax) binds them all to that set;
 * otherwise, with {@code colocate-threads yes} (the default) and one I/O thread, both go to the CPU
 * the server was started on; otherwise nothing is bound. The binding uses OpenHFT's affinity
 * library (already in the jar through Chronicle); where it cannot bind (no JNA, not Linux) it
 * says so once and the server runs unbound.
 */
final class ThreadPlacement {
  private static final Logger LOG = LoggerFactory.getLogger(ThreadPlacement.class);
  /** Bind nothing. */
  static final ThreadPlacement NONE = new ThreadPlacement(null, "unbound");

  private final BitSet cpus;
  private final String description;
  /** Native ids of the threads bound so far (for tests and the log). */
  private final List<Integer> bound = Collections.synchronizedList(new ArrayList<>());

  private ThreadPlacement(final BitSet cpus, final String description) {
    this.cpus = cpus;
    this.description = description;
  }

  /** The placement the configuration asks for, decided on the starting thread. */
  static ThreadPlacement of(final String cpuList, final boolean colocate, final int ioThreads) {
    if (!cpuList.isEmpty()) {
      final BitSet cpus = parseCpuList(cpuList);
      if (cpus == null) {
        LOG.warn("server_cpulist '{}' is not a CPU list (as '0-3:2,5'): threads left unbound", cpuList);
        return NONE;
      }
      return new ThreadPlacement(cpus, "server_cpulist " + cpuList);
    }
    if (!colocate || ioThreads != 1) {
      return NONE;
    }
    try {
      final int cpu = Affinity.getCpu();
      if (cpu < 0) {
        return NONE;
      }
      final BitSet one = new BitSet();
      one.set(cpu);
      return new ThreadPlacement(one, "CPU " + cpu + " (colocate-threads yes)");
    } catch (final Throwable e) {
      LOG.warn("cannot tell which CPU this thread runs on ({}): threads left unbound", e.toString());
      return NONE;
    }
  }

  /** Binds the calling thread, if this placement binds anything. */
  void bindCurrentThread() {
    if (cpus == null) {
      return;
    }
    try {
      Affinity.setAffinity(cpus);
      bound.add(Affinity.getThreadId());
    } catch (final Throwable e) {
      LOG.warn("cannot bind {} to {}: {}", Thread.currentThread().getName(), description, e.toString());
    }
  }

  /** What the log says at start. */
  String description() {
    return description;
  }

  /** The CPUs bound to, or null for none. */
  BitSet cpus() {
    return cpus == null ? null : (BitSet) cpus.clone();
  }

  /** Native thread ids bound so far. */
  List<Integer> boundThreads() {
    synchronized (bound) {
      return new ArrayList<>(bound);
    }
  }

  /**
   * Redis's CPU list: comma-separated items, each a CPU, a range {@code a-b}, or a range with a
   * step {@code a-b:s}. Null when it is not one.
   */
  static BitSet parseCpuList(final String list) {
    final BitSet cpus = new BitSet();
    for (final String item : list.split(",", -1)) {
      try {
        final int colon = item.indexOf(':');
        final String range = colon < 0 ? item : item.substring(0, colon);
        final int step = colon < 0 ? 1 : Integer.parseInt(item.substring(colon + 1));
        final int dash = range.indexOf('-');
        final int from = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
        final int to = dash < 0 ? from : Integer.parseInt(range.substring(dash + 1));
        if (from < 0 || to < from || step < 1 || to > 65535) {
          return null;
        }
        for (int cpu = from; cpu <= to; cpu += step) {
          cpus.set(cpu);
        }
      } catch (final NumberFormatException e) {
        return null;
      }
    }
    return cpus.isEmpty() ? null : cpus;
  }
}
