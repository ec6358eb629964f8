package io.rustyredis.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Arrays;

/**
 * Our RESP request parser, written by hand because the protocol is the product's front door: it
 * must parse pipelined commands in place, in any split across reads, with no objects per command,
 * and answer malformed input with Redis's exact errors. (Netty's {@code codec-redis} allocates a
 * message per argument and speaks only RESP2 frames.)
 *
 * <p>How it reads, as Redis's {@code processMultibulkBuffer} and {@code processInlineBuffer} do:
 *
 * <ul>
 *   <li>A request starting with {@code *} is a multibulk: {@code *<n>\r\n} then n times {@code
 *       $<len>\r\n<bytes>\r\n}. The parser is resumable: when a frame is cut short it remembers how
 *       far it got (which argument, where) and continues there when more bytes arrive, so a 512 MB
 *       argument arriving in 64 KB reads is scanned once, not once per read.
 *   <li>Anything else is an inline command: one line, split on spaces, with Redis's quoting rules.
 *   <li>Bytes are kept in one cumulation buffer; the reader index stays at the start of the
 *       unfinished frame, so argument positions stay valid while the buffer grows. Bytes of
 *       commands already handed on are discarded after each read, and the recorded positions
 *       move with them.
 *   <li>Lengths are read as Redis's {@code string2ll} reads them, and the limits are Redis's: 64
 *       KiB for a line, {@code proto-max-bulk-len} for a bulk, {@code INT_MAX} arguments.
 * </ul>
 *
 * <p>Each complete command goes to the {@link CommandSink} as positions into the buffer; the sink
 * copies them into a ring slot. Errors go to the sink too, and end parsing for good: Redis closes
 * the connection after a protocol error.
 */
final class RespDecoder {
  /** Longest line (inline command, or a {@code *}/{@code $} header) Redis accepts: 64 KiB. */
  static final int INLINE_MAX = 64 * 1024;

  /**
   * Redis applies the 64 KiB line limit after each socket read, and its first reads are 16 KiB
   * ({@code PROTO_IOBUF_LEN}), so an inline line or {@code *} header ending past 80 KiB is refused
   * however fast it arrives, while one ending between 64 and 80 KiB passes when it comes in one
   * burst (both checked against redis-server 7.0.15). Our reads are sized by Netty instead, so we
   * refuse on where the line ends. A {@code $} header comes later in the query buffer, when
   * Redis's reads have grown: one of 100,000 digits sent at once is an invalid bulk length there,
   * which is what we answer too when its end is in the buffer.
   */
  static final int LINE_REFUSED_FROM = INLINE_MAX + 16 * 1024;

  /** Receives what the decoder finds. */
  interface CommandSink {
    /** A complete command: {@code count} arguments at the given positions of {@code buffer}. */
    void command(ByteBuf buffer, int[] starts, int[] lengths, int count);

    /** An inline command, already unquoted. */
    void inline(byte[][] arguments, int count);

    /** Input that is not RESP: Redis's message, e.g. "ERR Protocol error: invalid bulk length". */
    void protocolError(String message);
  }

  private final CommandSink sink;
  private final long maxBulkLength;
  private ByteBuf cumulation;
  private boolean failed;

  // Where an unfinished multibulk frame stands.
  private int frameArguments = -1;
  private int argumentsSeen;
  private long bulkLength = -1;
  private int position;
  private int[] starts = new int[16];
  private int[] lengths = new int[16];

  RespDecoder(final CommandSink sink, final long maxBulkLength) {
    this.sink = sink;
    this.maxBulkLength = maxBulkLength;
  }

  /** Takes ownership of {@code input} and parses every complete command now available. */
  void decode(final ByteBufAllocator allocator, final ByteBuf input) {
    if (failed) {
      input.release();
      return;
    }
    if (cumulation == null) {
      cumulation = input;
      position = input.readerIndex();
    } else {
      if (cumulation.writableBytes() < input.readableBytes()) {
        cumulation = grow(allocator, input.readableBytes());
      }
      cumulation.writeBytes(input);
      input.release();
    }
    parse();
    if (failed || !cumulation.isReadable()) {
      cumulation.release();
      cumulation = null;
    } else if (cumulation.readerIndex() > 0) {
      // Commands already handed on are dead bytes; drop them so the buffer holds only the
      // unfinished frame, and move the positions recorded for that frame along with it.
      final int shift = cumulation.readerIndex();
      cumulation.discardReadBytes();
      position -= shift;
      for (int i = 0; i < argumentsSeen; i++) {
        starts[i] -= shift;
      }
    }
  }

  /** Releases what the decoder holds; the connection is gone. */
  /** Bytes held for commands not complete yet: what client-query-buffer-limit bounds. */
  long buffered() {
    return cumulation == null ? 0 : cumulation.readableBytes();
  }

  void close() {
    if (cumulation != null) {
      cumulation.release();
      cumulation = null;
    }
    failed = true;
  }

  /**
   * A bigger cumulation with the same reader index, so positions of a half-parsed frame survive.
   * The buffer at least doubles, which keeps growth to a 512 MB argument linear.
   */
  private ByteBuf grow(final ByteBufAllocator allocator, final int incoming) {
    final int readable = cumulation.readableBytes();
    final int reader = cumulation.readerIndex();
    final long wanted = Math.max((long) cumulation.capacity() * 2, (long) cumulation.writerIndex() + incoming);
    final ByteBuf bigger = allocator.buffer((int) Math.min(wanted, Integer.MAX_VALUE - 16));
    bigger.writerIndex(reader);
    bigger.readerIndex(reader);
    bigger.writeBytes(cumulation, reader, readable);
    cumulation.release();
    return bigger;
  }

  private void parse() {
    final ByteBuf buf = cumulation;
    while (!failed) {
      if (frameArguments < 0) {
        if (!buf.isReadable()) {
          return;
        }
        position = buf.readerIndex();
        if (buf.getByte(position) == '*') {
          if (!startMultibulk(buf)) {
            return;
          }
        } else if (!inline(buf)) {
          return;
        }
        continue;
      }
      if (!continueMultibulk(buf)) {
        return;
      }
    }
  }

  /** Reads a {@code *<n>} header; false when more bytes are needed or it failed. */
  private boolean startMultibulk(final ByteBuf buf) {
    final int lineEnd = buf.indexOf(position, buf.writerIndex(), (byte) '\r');
    if (lineEnd < 0) {
      if (buf.writerIndex() - position > INLINE_MAX) {
        fail("ERR Protocol error: too big mbulk count string");
      }
      return false;
    }
    if (lineEnd - position >= LINE_REFUSED_FROM) {
      fail("ERR Protocol error: too big mbulk count string");
      return false;
    }
    if (lineEnd + 1 >= buf.writerIndex()) {
      return false;
    }
    final long count = parseLong(buf, position + 1, lineEnd);
    if (count == Long.MIN_VALUE || count > Integer.MAX_VALUE) {
      fail("ERR Protocol error: invalid multibulk length");
      return false;
    }
    position = lineEnd + 2;
    if (count <= 0) {
      buf.readerIndex(position);
      return true;
    }
    frameArguments = (int) count;
    argumentsSeen = 0;
    bulkLength = -1;
    return true;
  }

  /** Reads as many arguments as are complete; false when more bytes are needed or it failed. */
  private boolean continueMultibulk(final ByteBuf buf) {
    while (argumentsSeen < frameArguments) {
      if (bulkLength < 0) {
        if (position >= buf.writerIndex()) {
          return false;
        }
        final byte marker = buf.getByte(position);
        if (marker != '$') {
          fail("ERR Protocol error: expected '$', got '" + (char) (marker & 0xFF) + "'");
          return false;
        }
        final int lineEnd = buf.indexOf(position, buf.writerIndex(), (byte) '\r');
        if (lineEnd < 0) {
          if (buf.writerIndex() - position > INLINE_MAX) {
            fail("ERR Protocol error: too big bulk count string");
          }
          return false;
        }
        if (lineEnd + 1 >= buf.writerIndex()) {
          return false;
        }
        final long length = parseLong(buf, position + 1, lineEnd);
        if (length < 0 || length > maxBulkLength) {
          fail("ERR Protocol error: invalid bulk length");
          return false;
        }
        bulkLength = length;
        position = lineEnd + 2;
      }
      if ((long) buf.writerIndex() - position < bulkLength + 2) {
        return false;
      }
      argument(argumentsSeen++, position, (int) bulkLength);
      position += (int) bulkLength + 2;
      bulkLength = -1;
    }
    sink.command(buf, starts, lengths, argumentsSeen);
    buf.readerIndex(position);
    frameArguments = -1;
    argumentsSeen = 0;
    shrinkArguments();
    return true;
  }

  /** Reads one inline command line; false when the line is not complete yet or it failed. */
  private boolean inline(final ByteBuf buf) {
    final int newline = buf.indexOf(position, buf.writerIndex(), (byte) '\n');
    if (newline < 0) {
      if (buf.writerIndex() - position > INLINE_MAX) {
        fail("ERR Protocol error: too big inline request");
      }
      return false;
    }
    if (newline - position >= LINE_REFUSED_FROM) {
      fail("ERR Protocol error: too big inline request");
      return false;
    }
    int end = newline;
    if (end > position && buf.getByte(end - 1) == '\r') {
      end--;
    }
    if (buf.indexOf(position, end, (byte) '"') < 0 && buf.indexOf(position, end, (byte) '\'') < 0) {
      return unquotedInline(buf, end, newline + 1);
    }
    final byte[] line = new byte[end - position];
    buf.getBytes(position, line);
    buf.readerIndex(newline + 1);
    final byte[][] arguments = InlineSplitter.split(line);
    if (arguments == null) {
      fail("ERR Protocol error: unbalanced quotes in request");
      return false;
    }
    if (arguments.length > 0) {
      sink.inline(arguments, arguments.length);
    }
    return true;
  }

  /**
   * A line without quotes has nothing to unescape: its words are ranges of the buffer, handed over
   * as a multibulk's arguments are, with no allocation. Same words as {@link InlineSplitter}.
   */
  private boolean unquotedInline(final ByteBuf buf, final int end, final int next) {
    int count = 0;
    int i = position;
    while (true) {
      while (i < end && InlineSplitter.isSpace(buf.getByte(i))) {
        i++;
      }
      if (i >= end) {
        break;
      }
      final int start = i;
      while (i < end && !InlineSplitter.endsWord(buf.getByte(i))) {
        i++;
      }
      argument(count++, start, i - start);
    }
    if (count > 0) {
      sink.command(buf, starts, lengths, count);
    }
    buf.readerIndex(next);
    shrinkArguments();
    return true;
  }

  /** Records where argument {@code index} of the current command lies, growing the arrays as needed. */
  private void argument(final int index, final int start, final int length) {
    if (index == starts.length) {
      starts = Arrays.copyOf(starts, index * 2);
      lengths = Arrays.copyOf(lengths, index * 2);
    }
    starts[index] = start;
    lengths[index] = length;
  }

  /** After a command of thousands of arguments, the arrays go back to their usual size. */
  private void shrinkArguments() {
    if (starts.length > 1024) {
      starts = new int[16];
      lengths = new int[16];
    }
  }

  private void fail(final String message) {
    failed = true;
    sink.protocolError(message);
  }

  /**
   * Redis's {@code string2ll} over buffer bytes; {@link Long#MIN_VALUE} when not a number. Like
   * Redis it takes no sign but '-', no leading zeros ("01", "-0") and at most 20 characters, so
   * {@code *01} is an invalid multibulk length here exactly as it is there.
   */
  static long parseLong(final ByteBuf buf, final int from, final int to) {
    final int length = to - from;
    if (length <= 0 || length > 20) {
      return Long.MIN_VALUE;
    }
    if (length == 1 && buf.getByte(from) == '0') {
      return 0;
    }
    int i = from;
    final boolean negative = buf.getByte(i) == '-';
    if (negative && ++i == to) {
      return Long.MIN_VALUE;
    }
    final byte first = buf.getByte(i);
    if (first < '1' || first > '9') {
      return Long.MIN_VALUE;
    }
    // Eighteen digits cannot overflow a long; only from the nineteenth on is the (dividing) check
    // needed, so the lengths of ordinary requests never pay for it.
    final int safeEnd = Math.min(to, i + 18);
    long value = 0;
    for (; i < safeEnd; i++) {
      final int digit = buf.getByte(i) - '0';
      if (digit < 0 || digit > 9) {
        return Long.MIN_VALUE;
      }
      value = value * 10 + digit;
    }
    for (; i < to; i++) {
      final int digit = buf.getByte(i) - '0';
      if (digit < 0 || digit > 9 || value > (Long.MAX_VALUE - digit) / 10) {
        return Long.MIN_VALUE;
      }
      value = value * 10 + digit;
    }
    return negative ? -value : value;
  }
}
