package io.rustyredis.engine.pubsub;

import io.rustyredis.engine.memory.Bytes;
import java.nio.charset.StandardCharsets;

/**
 * A channel or pattern name as a hash key. Stored names own a copy of their bytes; one mutable
 * instance per registry is re-pointed at a command's argument to look names up, so PUBLISH finds
 * its subscribers without allocating.
 */
final class ChannelName {
  private byte[] array;
  private int offset;
  private int length;
  private int hash;

  ChannelName() {}

  private ChannelName(final byte[] bytes) {
    point(bytes, 0, bytes.length);
  }

  /** Re-points this (lookup) instance at {@code array[offset .. offset + length)}. */
  ChannelName point(final byte[] array, final int offset, final int length) {
    this.array = array;
    this.offset = offset;
    this.length = length;
    this.hash = (int) Bytes.hash(array, Bytes.ARRAY_BASE + offset, length);
    return this;
  }

  /** A stored copy of what this instance points at. */
  ChannelName copy() {
    final byte[] bytes = new byte[length];
    System.arraycopy(array, offset, bytes, 0, length);
    return new ChannelName(bytes);
  }

  byte[] array() {
    return array;
  }

  int offset() {
    return offset;
  }

  int length() {
    return length;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(final Object other) {
    if (!(other instanceof ChannelName)) {
      return false;
    }
    final ChannelName o = (ChannelName) other;
    return o.length == length && o.hash == hash
        && java.util.Arrays.equals(array, offset, offset + length, o.array, o.offset, o.offset + o.length);
  }

  @Override
  public String toString() {
    return new String(array, offset, length, StandardCharsets.UTF_8);
  }
}
