package io.rustyredis.transport;

import java.util.concurrent.atomic.LongAdder;

/**
 * Bytes read from and written to clients, for INFO's {@code total_net_input_bytes} and {@code
 * total_net_output_bytes} (and the instantaneous kbps derived from them). Input is counted by the
 * I/O threads, possibly several, hence the adder; output by the reply stage alone, as the bytes it
 * hands to the sockets.
 */
final class NetworkTraffic {
  private final LongAdder input = new LongAdder();
  /** Single writer (the reply stage); volatile so INFO on another thread sees it. */
  private volatile long output;

  void read(final int bytes) {
    input.add(bytes);
  }

  void written(final long bytes) {
    output += bytes;
  }

  long input() {
    return input.sum();
  }

  long output() {
    return output;
  }
}
