package io.rustyredis.transport;

import java.security.SecureRandom;

/** Redis's {@code run_id}: 40 random hex characters naming this run of the server. */
final class RunId {
  private RunId() {}

  static String generate() {
    final byte[] bytes = new byte[20];
    new SecureRandom().nextBytes(bytes);
    final StringBuilder hex = new StringBuilder(40);
    for (final byte b : bytes) {
      hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    return hex.toString();
  }
}
