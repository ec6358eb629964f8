package io.rustyredis.engine;

import io.rustyredis.engine.memory.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The reply bytes of one command, encoded in RESP2 or RESP3 as the client asked with HELLO.
 *
 * <p>Commands describe their reply in terms of the protocol's types ({@link #map}, {@link
 * #doubleValue}, {@link #nullBulk}) and this class picks the wire form: a map is {@code %} in RESP3
 * and a flat array in RESP2, a double is {@code ,} or a bulk string, a null is {@code _} or {@code
 * $-1}. Writing straight into a reusable array keeps the hot path free of allocation; the reply
 * stage copies the bytes out once per command.
 */
public final class Reply {
  private static final int INITIAL_BYTES = 512;
  private static final int RETAINED_BYTES = 1 << 20;
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL_BULK_2 = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL_ARRAY_2 = "*-1\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL_3 = "_\r\n".getBytes(StandardCharsets.US_ASCII);

  private byte[] data = new byte[INITIAL_BYTES];
  private int length;
  private int protocol = 2;

  /** Starts a new reply in the given protocol version (2 or 3). */
  public void reset(final int protocol) {
    this.protocol = protocol;
    length = 0;
    if (data.length > RETAINED_BYTES) {
      data = new byte[INITIAL_BYTES];
    }
  }

  public int protocol() {
    return protocol;
  }

  public byte[] array() {
    return data;
  }

  public int length() {
    return length;
  }

  /** Drops what was written since {@code mark}: for CLIENT REPLY OFF/SKIP and aborted replies. */
  public void truncate(final int mark) {
    length = mark;
  }

  public void ok() {
    raw(OK, 0, OK.length);
  }

  public void simple(final String text) {
    line('+', text);
  }

  /**
   * An error reply; {@code message} starts with its code, e.g. {@code "ERR syntax error"}. As in
   * Redis, line breaks (which could come from a client's own bytes) become spaces.
   */
  public void error(final String message) {
    line('-', message);
  }

  public void integer(final long value) {
    ensure(24);
    data[length++] = ':';
    length = Numbers.putLong(data, length, value);
    crlf();
  }

  public void bulk(final byte[] bytes) {
    bulk(bytes, Bytes.ARRAY_BASE, bytes.length);
  }

  public void bulk(final String text) {
    bulk(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A bulk string from any memory: {@code base} is a {@code byte[]} or null for native memory. */
  public void bulk(final Object base, final long offset, final int size) {
    ensure(size + 16);
    data[length++] = '$';
    length = Numbers.putLong(data, length, size);
    crlf();
    Bytes.copy(base, offset, data, Bytes.ARRAY_BASE + length, size);
    length += size;
    crlf();
  }

  /** A bulk string holding the decimal form of {@code value}. */
  public void bulkLong(final long value) {
    ensure(30);
    final int digits = Numbers.digits(value);
    data[length++] = '$';
    length = Numbers.putLong(data, length, digits);
    crlf();
    length = Numbers.putLong(data, length, value);
    crlf();
  }

  public void nullBulk() {
    if (protocol == 3) {
      raw(NULL_3, 0, NULL_3.length);
    } else {
      raw(NULL_BULK_2, 0, NULL_BULK_2.length);
    }
  }

  public void nullArray() {
    if (protocol == 3) {
      raw(NULL_3, 0, NULL_3.length);
    } else {
      raw(NULL_ARRAY_2, 0, NULL_ARRAY_2.length);
    }
  }

  public void array(final long count) {
    header('*', count);
  }

  /** A map of {@code pairs} entries: RESP3 {@code %}, or an array of twice as many in RESP2. */
  public void map(final long pairs) {
    if (protocol == 3) {
      header('%', pairs);
    } else {
      header('*', pairs * 2);
    }
  }

  /** A set: RESP3 {@code ~}, or an array in RESP2. */
  public void set(final long count) {
    header(protocol == 3 ? '~' : '*', count);
  }

  /** An out-of-band push (RESP3 {@code >}); RESP2 clients see an array. */
  public void push(final long count) {
    header(protocol == 3 ? '>' : '*', count);
  }

  /** A boolean: RESP3 {@code #t}/{@code #f}, or the integers 1 and 0 in RESP2. */
  public void bool(final boolean value) {
    if (protocol == 3) {
      ensure(4);
      data[length++] = '#';
      data[length++] = (byte) (value ? 't' : 'f');
      crlf();
    } else {
      integer(value ? 1 : 0);
    }
  }

  /**
   * A double: RESP3 {@code ,} or a bulk string in RESP2, both with Redis's text for it ({@code
   * inf}, {@code -inf}, {@code nan}, else the shortest form that reads back the same).
   */
  public void doubleValue(final double value) {
    final String text = Numbers.formatDouble(value);
    if (protocol == 3) {
      ensure(text.length() + 3);
      data[length++] = ',';
      ascii(text);
      crlf();
    } else {
      bulk(text);
    }
  }

  /** A verbatim string (RESP3 {@code =txt:}), a bulk string in RESP2: what INFO replies with. */
  public void verbatim(final String text) {
    if (protocol == 3) {
      final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      header('=', bytes.length + 4L);
      ensure(bytes.length + 6);
      data[length++] = 't';
      data[length++] = 'x';
      data[length++] = 't';
      data[length++] = ':';
      System.arraycopy(bytes, 0, data, length, bytes.length);
      length += bytes.length;
      crlf();
    } else {
      bulk(text);
    }
  }

  /** Appends bytes that are already RESP. */
  public void raw(final byte[] bytes, final int offset, final int size) {
    ensure(size);
    System.arraycopy(bytes, offset, data, length, size);
    length += size;
  }

  private void header(final char type, final long count) {
    ensure(24);
    data[length++] = (byte) type;
    length = Numbers.putLong(data, length, count);
    crlf();
  }

  private void line(final char type, final String text) {
    final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ensure(bytes.length + 3);
    data[length++] = (byte) type;
    for (final byte b : bytes) {
      data[length++] = b == '\r' || b == '\n' ? (byte) ' ' : b;
    }
    crlf();
  }

  private void ascii(final String text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      data[length++] = (byte) text.charAt(i);
    }
  }

  private void crlf() {
    data[length++] = CRLF[0];
    data[length++] = CRLF[1];
  }

  private void ensure(final long extra) {
    final long needed = length + extra;
    if (needed > data.length) {
      data = Arrays.copyOf(data, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, data.length * 2L)));
    }
  }
}
