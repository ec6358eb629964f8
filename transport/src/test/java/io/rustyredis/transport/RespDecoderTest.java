package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The decoder against the byte sequences real Redis 7.0.15 was asked about: each expectation here
 * (which commands come out, which error text, and that an error ends the connection's input) is
 * what redis-server answered to the same bytes. Every buffer the test or the decoder allocates is
 * checked to be released.
 */
class RespDecoderTest {
  private static final long MAX_BULK = 512L * 1024 * 1024;

  private final TrackingAllocator allocator = new TrackingAllocator();
  private final List<ByteBuf> inputs = new ArrayList<>();
  private final RecordingSink sink = new RecordingSink();
  private RespDecoder decoder = new RespDecoder(sink, MAX_BULK);

  @AfterEach
  void everyBufferIsReleased() {
    decoder.close();
    for (final ByteBuf buf : inputs) {
      assertEquals(0, buf.refCnt(), "input buffer not released");
    }
    for (final ByteBuf buf : allocator.allocated) {
      assertEquals(0, buf.refCnt(), "decoder's own buffer not released");
    }
  }

  @Test
  void pipelinedCommandsDecodeTheSameWhateverTheSplit() {
    final String pipeline = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nhello\r\n"
        + "PING\r\n"
        + "*0\r\n*-1\r\n"
        + "*2\r\n$4\r\nECHO\r\n$0\r\n\r\n"
        + "set a \"b c\"\n"
        + "*2\r\n$3\r\nGET\r\n$4\r\na\r\nb\r\n"
        + "\r\n"
        + "*1\r\n$4\r\nPING\r\n";
    final List<String> expected = List.of("[SET, k, hello]", "[PING]", "[ECHO, ]", "[set, a, b c]",
        "[GET, a\r\nb]", "[PING]");
    final byte[] bytes = pipeline.getBytes(StandardCharsets.ISO_8859_1);
    for (int split = 0; split <= bytes.length; split++) {
      fresh();
      feed(bytes, 0, split);
      feed(bytes, split, bytes.length);
      assertEquals(expected, sink.commands, "split at " + split);
      assertEquals(List.of(), sink.errors);
    }
    fresh();
    for (int i = 0; i < bytes.length; i++) {
      feed(bytes, i, i + 1);
    }
    assertEquals(expected, sink.commands, "byte by byte");
  }

  @Test
  void bulkLargerThanAnyReadArrivesWhole() {
    final byte[] value = new byte[200_000];
    for (int i = 0; i < value.length; i++) {
      value[i] = (byte) ('a' + i % 26);
    }
    final byte[] head = "PING\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$200000\r\n".getBytes(StandardCharsets.US_ASCII);
    final byte[] all = new byte[head.length + value.length + 2];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(value, 0, all, head.length, value.length);
    all[all.length - 2] = '\r';
    all[all.length - 1] = '\n';
    for (int i = 0; i < all.length; i += 1000) {
      feed(all, i, Math.min(all.length, i + 1000));
    }
    assertEquals(2, sink.commands.size());
    assertEquals("[SET, k, " + new String(value, StandardCharsets.ISO_8859_1) + "]", sink.commands.get(1));
  }

  @Test
  void emptyAndNegativeMultibulkCountsAreIgnored() {
    feed("*0\r\n*-1\r\n*-5\r\nPING\r\n");
    assertEquals(List.of("[PING]"), sink.commands);
    assertEquals(List.of(), sink.errors);
  }

  @Test
  void emptyInlineLinesAreIgnored() {
    feed("\r\n\n   \r\nPING\n");
    assertEquals(List.of("[PING]"), sink.commands);
  }

  @Test
  void inlineDoubleQuotesGroupAndUnescape() {
    feed("set a \"b c\"\r\nECHO \"\\x41\\n\\q\"\r\nECHO \"\\x4\"\r\n");
    assertEquals(List.of("[set, a, b c]", "[ECHO, A\nq]", "[ECHO, x4]"), sink.commands);
  }

  @Test
  void inlineSingleQuotesKnowOnlyEscapedQuote() {
    feed("ECHO 'it\\'s' 'a\\nb'\r\n");
    assertEquals(List.of("[ECHO, it's, a\\nb]"), sink.commands);
  }

  @Test
  void inlineVerticalTabAndFormFeedStayInsideAWord() {
    feed("ECHO a\u000bb\u000cc\r\nECHO \u000b\u000c a\r\n");
    assertEquals(List.of("[ECHO, a\u000bb\u000cc]", "[ECHO, a]"), sink.commands);
  }

  @Test
  void anUnquotedLineSplitInPlaceGivesTheWordsTheQuoteAwareSplitterGives() {
    // Lines without quotes skip the splitter (no allocation); any difference would be a bug.
    final Random random = new Random(8);
    final byte[] alphabet = {'a', 'B', '7', ' ', ' ', '\t', '\r', 0x0B, '\f', '\\', 'x', 0};
    for (int round = 0; round < 2000; round++) {
      final byte[] line = new byte[random.nextInt(12)];
      for (int i = 0; i < line.length; i++) {
        line[i] = alphabet[random.nextInt(alphabet.length)];
      }
      final List<String> expected = new ArrayList<>();
      final byte[][] words = InlineSplitter.split(line);
      if (words.length > 0) {
        final List<String> args = new ArrayList<>();
        for (final byte[] word : words) {
          args.add(new String(word, StandardCharsets.ISO_8859_1));
        }
        expected.add(args.toString());
      }
      fresh();
      final byte[] input = Arrays.copyOf(line, line.length + 1);
      input[line.length] = '\n';
      feed(input, 0, input.length);
      assertEquals(expected, sink.commands, () -> "line " + Arrays.toString(line));
      assertEquals(List.of(), sink.errors);
    }
  }

  @Test
  void unterminatedQuoteIsUnbalanced() {
    assertError("set a \"b c\r\nPING\r\n", "ERR Protocol error: unbalanced quotes in request");
  }

  @Test
  void unterminatedSingleQuoteIsUnbalanced() {
    assertError("ECHO 'a\r\n", "ERR Protocol error: unbalanced quotes in request");
  }

  @Test
  void closingQuoteFollowedByALetterIsUnbalanced() {
    assertError("ECHO \"a\"b\r\n", "ERR Protocol error: unbalanced quotes in request");
  }

  @Test
  void nonNumericMultibulkLengthIsInvalid() {
    assertError("*abc\r\n", "ERR Protocol error: invalid multibulk length");
  }

  @Test
  void multibulkLengthAboveIntMaxIsInvalid() {
    assertError("*3000000000\r\n", "ERR Protocol error: invalid multibulk length");
  }

  @Test
  void multibulkLengthWithLeadingZeroOrSignIsInvalid() {
    assertError("*01\r\n$4\r\nPING\r\n", "ERR Protocol error: invalid multibulk length");
    assertError("*-0\r\n", "ERR Protocol error: invalid multibulk length");
    assertError("*+1\r\n", "ERR Protocol error: invalid multibulk length");
    assertError("*\r\n", "ERR Protocol error: invalid multibulk length");
    assertError("*1 \r\n", "ERR Protocol error: invalid multibulk length");
  }

  @Test
  void multibulkHeaderEndedByBareLineFeedReadsOnToTheNextCarriageReturn() {
    assertError("*1\n$4\r\nPING\r\n", "ERR Protocol error: invalid multibulk length");
  }

  @Test
  void negativeBulkLengthIsInvalid() {
    assertError("*1\r\n$-5\r\n", "ERR Protocol error: invalid bulk length");
    assertError("*1\r\n$-1\r\n", "ERR Protocol error: invalid bulk length");
  }

  @Test
  void nonNumericBulkLengthIsInvalid() {
    assertError("*1\r\n$abc\r\n", "ERR Protocol error: invalid bulk length");
    assertError("*1\r\n$\r\n", "ERR Protocol error: invalid bulk length");
    assertError("*1\r\n$04\r\nPING\r\n", "ERR Protocol error: invalid bulk length");
  }

  @Test
  void bulkLongerThanProtoMaxBulkLenIsInvalid() {
    assertError("*1\r\n$1073741824\r\n", "ERR Protocol error: invalid bulk length");
    assertError("*1\r\n$536870913\r\n", "ERR Protocol error: invalid bulk length");
  }

  @Test
  void bulkOfExactlyProtoMaxBulkLenIsAccepted() {
    feed("*1\r\n$536870912\r\n");
    assertEquals(List.of(), sink.errors);
  }

  @Test
  void argumentNotStartingWithDollarNamesTheByte() {
    assertError("*1\r\nx\r\n", "ERR Protocol error: expected '$', got 'x'");
    assertError("*2\r\n$4\r\nECHO\r\n:3\r\n", "ERR Protocol error: expected '$', got ':'");
  }

  @Test
  void bulkIsTakenByLengthNotByItsTrailingBytes() {
    feed("*1\r\n$4\r\nPINGxx*1\r\n$4\r\nPING\r\n");
    assertEquals(List.of("[PING]", "[PING]"), sink.commands);
  }

  @Test
  void inlineLineOfSixtyFourKibWithoutNewlineWaits() {
    feed("a".repeat(RespDecoder.INLINE_MAX));
    assertEquals(List.of(), sink.errors);
  }

  @Test
  void inlineLineBeyondSixtyFourKibIsTooBig() {
    assertError("a".repeat(RespDecoder.INLINE_MAX + 1), "ERR Protocol error: too big inline request");
  }

  @Test
  void lineEndingPastEightyKibIsTooBigEvenInOneRead() {
    assertError("PING " + "a".repeat(100_000) + "\r\n", "ERR Protocol error: too big inline request");
    assertError("*" + "1".repeat(100_000) + "\r\n", "ERR Protocol error: too big mbulk count string");
  }

  @Test
  void bulkHeaderOfManyDigitsInOneReadIsAnInvalidLength() {
    assertError("*1\r\n$" + "1".repeat(100_000) + "\r\n", "ERR Protocol error: invalid bulk length");
  }

  @Test
  void inlineLineEndingBeforeEightyKibPassesInOneRead() {
    feed("ECHO " + "a".repeat(70_000) + "\r\n");
    assertEquals(List.of(), sink.errors);
    assertEquals(1, sink.commands.size());
  }

  @Test
  void multibulkCountLineBeyondSixtyFourKibIsTooBig() {
    assertError("*" + "1".repeat(RespDecoder.INLINE_MAX + 1), "ERR Protocol error: too big mbulk count string");
  }

  @Test
  void bulkCountLineBeyondSixtyFourKibIsTooBig() {
    assertError("*1\r\n$" + "1".repeat(100_000), "ERR Protocol error: too big bulk count string");
  }

  @Test
  void tooBigLineIsNoticedWhenItGrowsAcrossReads() {
    final byte[] line = "a".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < line.length; i += 4096) {
      feed(line, i, Math.min(line.length, i + 4096));
    }
    assertEquals(List.of("ERR Protocol error: too big inline request"), sink.errors);
  }

  @Test
  void commandsBeforeAnErrorAreDeliveredAndNothingAfterIt() {
    feed("PING\r\n*1\r\n$4\r\nECHO\r\n*1\r\nx\r\nPING\r\n");
    feed("PING\r\n");
    assertEquals(List.of("[PING]", "[ECHO]"), sink.commands);
    assertEquals(List.of("ERR Protocol error: expected '$', got 'x'"), sink.errors);
  }

  @Test
  void closingWithAHalfFrameReleasesIt() {
    feed("*2\r\n$3\r\nGET\r\n$10\r\nabc");
    decoder.close();
    feed("def\r\n");
    assertEquals(List.of(), sink.commands);
  }

  @Test
  void numbersParseAsRedisString2llDoes() {
    assertEquals(0, parse("0"));
    assertEquals(-12, parse("-12"));
    assertEquals(Long.MAX_VALUE, parse("9223372036854775807"));
    assertEquals(Long.MIN_VALUE, parse("9223372036854775808"));
    assertEquals(Long.MIN_VALUE, parse("012"));
    assertEquals(Long.MIN_VALUE, parse("-"));
    assertEquals(Long.MIN_VALUE, parse(""));
    assertEquals(Long.MIN_VALUE, parse(" 1"));
    // Around the point where overflow becomes possible (the nineteenth digit).
    assertEquals(999_999_999_999_999_999L, parse("999999999999999999"));
    assertEquals(-9_223_372_036_854_775_807L, parse("-9223372036854775807"));
    assertEquals(Long.MIN_VALUE, parse("9999999999999999999"));
    assertEquals(Long.MIN_VALUE, parse("10000000000000000000"));
    assertEquals(Long.MIN_VALUE, parse("12345678901234567x"));
    assertEquals(Long.MIN_VALUE, parse("1234567890123456789x"));
  }

  private static long parse(final String text) {
    final ByteBuf buf = Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    try {
      return RespDecoder.parseLong(buf, 0, buf.writerIndex());
    } finally {
      buf.release();
    }
  }

  private void assertError(final String input, final String message) {
    fresh();
    feed(input);
    assertEquals(List.of(message), sink.errors, input);
    assertEquals(List.of(), sink.commands, input);
    feed("PING\r\n");
    assertEquals(List.of(), sink.commands, "nothing is decoded after an error");
  }

  private void fresh() {
    decoder.close();
    sink.commands.clear();
    sink.errors.clear();
    decoder = new RespDecoder(sink, MAX_BULK);
  }

  private void feed(final String text) {
    final byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    feed(bytes, 0, bytes.length);
  }

  private void feed(final byte[] bytes, final int from, final int to) {
    // Like a Netty read: a buffer of its own, sometimes with spare room the decoder may fill.
    final ByteBuf buf = Unpooled.buffer(to - from + (from % 3) * 8);
    buf.writeBytes(bytes, from, to - from);
    inputs.add(buf);
    decoder.decode(allocator, buf);
  }

  /** Keeps what the decoder hands over, as text, so a test can compare it whole. */
  private static final class RecordingSink implements RespDecoder.CommandSink {
    final List<String> commands = new ArrayList<>();
    final List<String> errors = new ArrayList<>();

    @Override
    public void command(final ByteBuf buffer, final int[] starts, final int[] lengths, final int count) {
      final List<String> args = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        args.add(buffer.toString(starts[i], lengths[i], StandardCharsets.ISO_8859_1));
      }
      commands.add(args.toString());
    }

    @Override
    public void inline(final byte[][] arguments, final int count) {
      final List<String> args = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        args.add(new String(arguments[i], StandardCharsets.ISO_8859_1));
      }
      commands.add(args.toString());
    }

    @Override
    public void protocolError(final String message) {
      errors.add(message);
    }
  }

  /** An allocator that remembers every buffer it gave the decoder, to check they were released. */
  private static final class TrackingAllocator extends AbstractByteBufAllocator {
    final List<ByteBuf> allocated = new ArrayList<>();

    @Override
    protected ByteBuf newHeapBuffer(final int initialCapacity, final int maxCapacity) {
      final ByteBuf buf = UnpooledByteBufAllocator.DEFAULT.heapBuffer(initialCapacity, maxCapacity);
      allocated.add(buf);
      return buf;
    }

    @Override
    protected ByteBuf newDirectBuffer(final int initialCapacity, final int maxCapacity) {
      final ByteBuf buf = UnpooledByteBufAllocator.DEFAULT.directBuffer(initialCapacity, maxCapacity);
      allocated.add(buf);
      return buf;
    }

    @Override
    public boolean isDirectBufferPooled() {
      return false;
    }
  }
}
