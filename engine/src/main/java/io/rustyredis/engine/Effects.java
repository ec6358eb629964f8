package io.rustyredis.engine;

import io.rustyredis.engine.memory.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The effect of one event on the dataset, as the commands that would redo it: what the journal
 * appends, and what replay runs. Written by the engine, read by the journal stage, cleared when the
 * slot is reused.
 *
 * <p>The bytes are RESP multibulk commands, the same text an AOF holds, so a journal entry can be
 * printed, replayed through the ordinary dispatch and compared with Redis's AOF. Every entry starts
 * with a {@code SELECT} of the database its first command applies to, and a new {@code SELECT}
 * appears wherever the database changes, so an entry stands alone: the journal can drop whole
 * entries (compaction, a torn tail) without making the next one apply to the wrong database.
 *
 * <p>One event is one entry, and an entry is applied all or nothing: that is how MULTI/EXEC and
 * scripts, which run inside one event, reach the journal as one unit.
 *
 * <p>By default a write command that did not fail is its own effect (deterministic commands replay
 * to the same state). A command whose request is not its effect, because it reads the clock or
 * draws a random choice (EXPIRE, SPOP, INCRBYFLOAT, ...), writes its own with {@link #command} and
 * {@link #arg} through {@code CommandContext.effect}, and the default is then skipped.
 */
public final class Effects {
  private static final byte[] SELECT = "SELECT".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SELECT_PREFIX = "*2\r\n$6\r\nSELECT\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final int RETAINED_BYTES = 1 << 20;

  private byte[] data = new byte[256];
  private int length;
  private int commands;
  private int selectedDb = -1;
  private boolean enabled;
  private int rebaseAt = -1;
  private final byte[] digits = new byte[20];

  /** Whether effects are recorded at all (no journal: nothing is, and nothing is paid). */
  public boolean enabled() {
    return enabled;
  }

  public void enabled(final boolean enabled) {
    this.enabled = enabled;
  }

  /** Empties the buffer for the next event. */
  public void clear() {
    if (data.length > RETAINED_BYTES) {
      data = new byte[256];
    }
    length = 0;
    commands = 0;
    selectedDb = -1;
    rebaseAt = -1;
  }

  /**
   * An AOF rewrite's snapshot starts here: what was recorded so far in this event happened before
   * it (so belongs to the journal the new base replaces), what comes after belongs to the new
   * journal. The journal stage splits the entry at this point; the next command opens with its
   * own SELECT so the second part stands alone.
   */
  public void rebase() {
    rebaseAt = length;
    selectedDb = -1;
  }

  /** Where {@link #rebase()} split this event's effects, or -1 when no rewrite started in it. */
  public int rebaseAt() {
    return rebaseAt;
  }

  /** True when the event changed nothing. */
  public boolean isEmpty() {
    return commands == 0;
  }

  /** Commands recorded, not counting the SELECTs. */
  public int commands() {
    return commands;
  }

  public byte[] array() {
    return data;
  }

  public int length() {
    return length;
  }

  /** Starts a command of {@code argc} arguments against database {@code db}; add them with {@link #arg}. */
  public Effects command(final int db, final int argc) {
    if (db != selectedDb) {
      selectedDb = db;
      header('*', 2);
      arg(SELECT);
      arg(db);
    }
    commands++;
    header('*', argc);
    return this;
  }

  /**
   * Puts what was recorded from byte {@code mark} (a {@link #length()}) on between {@code head} and
   * {@code tail}, one-word commands: EXEC wraps its queue's effects in MULTI ... EXEC. As in Redis's
   * AOF, a SELECT that opens them stays in front of the MULTI, so the entry still starts with it.
   */
  public void wrap(final int mark, final byte[] head, final byte[] tail) {
    final int at = afterSelect(mark);
    // "*1\r\n" then "$<n>\r\n<head>\r\n".
    final int size = 4 + 1 + digits(head.length) + 2 + head.length + 2;
    ensure(size);
    System.arraycopy(data, at, data, at + size, length - at);
    final int end = length + size;
    length = at;
    header('*', 1);
    arg(head);
    length = end;
    header('*', 1);
    arg(tail);
    commands += 2;
  }

  /** The offset just past a SELECT command starting at {@code offset}, or {@code offset} if none does. */
  private int afterSelect(final int offset) {
    final byte[] prefix = SELECT_PREFIX;
    if (length - offset < prefix.length || !Arrays.equals(data, offset, offset + prefix.length, prefix, 0, prefix.length)) {
      return offset;
    }
    // "$<n>\r\n<db>\r\n"
    int i = offset + prefix.length + 1;
    int n = 0;
    while (data[i] != '\r') {
      n = n * 10 + (data[i++] - '0');
    }
    return i + 2 + n + 2;
  }

  private static int digits(final int n) {
    return Integer.toString(n).length();
  }

  /** Records the command in {@code args} as it was sent. */
  public void verbatim(final int db, final Arguments args) {
    command(db, args.count());
    for (int i = 0; i < args.count(); i++) {
      arg(args.array(), args.address(i), args.length(i));
    }
  }

  public Effects arg(final byte[] bytes) {
    return arg(bytes, Bytes.ARRAY_BASE, bytes.length);
  }

  public Effects arg(final String text) {
    return arg(text.getBytes(StandardCharsets.UTF_8));
  }

  /** An argument from a (base, offset) pair as {@link Bytes} uses them: a byte[] or native memory. */
  public Effects arg(final Object base, final long offset, final int size) {
    header('$', size);
    ensure(size + 2);
    Bytes.copy(base, offset, data, Bytes.ARRAY_BASE + length, size);
    length += size;
    data[length++] = '\r';
    data[length++] = '\n';
    return this;
  }

  /** A number argument, in decimal. */
  public Effects arg(final long value) {
    final int size = Numbers.putLong(digits, 0, value);
    return arg(digits, Bytes.ARRAY_BASE, size);
  }

  /**
   * Wraps the commands recorded from {@code mark} (a {@link #length()} taken before them) in
   * MULTI/EXEC, as Redis 7.0 propagates a script or transaction that wrote more than one command:
   * MULTI goes after the SELECT that may open them, so the entry still starts with its SELECT.
   */
  public void transaction(final int mark) {
    int at = mark;
    if (length - mark > 16 && data[mark + 1] == '2' && data[mark + 8] == 'S' && data[mark + 9] == 'E'
        && data[mark + 10] == 'L') {
      at = skipCommand(mark);
    }
    final byte[] multi = "*1\r\n$5\r\nMULTI\r\n".getBytes(StandardCharsets.US_ASCII);
    ensure(multi.length);
    System.arraycopy(data, at, data, at + multi.length, length - at);
    System.arraycopy(multi, 0, data, at, multi.length);
    length += multi.length;
    commands++;
    command(selectedDb, 1).arg("EXEC");
  }

  /** The offset just past the RESP command starting at {@code at}. */
  private int skipCommand(final int at) {
    int p = at + 1;
    int argc = 0;
    while (data[p] != '\r') {
      argc = argc * 10 + data[p++] - '0';
    }
    p += 2;
    for (int i = 0; i < argc; i++) {
      p++;
      int size = 0;
      while (data[p] != '\r') {
        size = size * 10 + data[p++] - '0';
      }
      p += 2 + size + 2;
    }
    return p;
  }

  private void header(final char type, final long count) {
    ensure(24);
    data[length++] = (byte) type;
    length = Numbers.putLong(data, length, count);
    data[length++] = '\r';
    data[length++] = '\n';
  }

  private void ensure(final int more) {
    if (length + more > data.length) {
      data = Arrays.copyOf(data, Math.max(data.length * 2, length + more));
    }
  }
}
