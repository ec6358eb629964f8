package io.rustyredis.journal;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.concurrent.locks.LockSupport;

/**
 * The journal on the command line, what Redis has no equivalent of beyond redis-check-aof:
 *
 * <pre>
 *   java -cp rusty-redis.jar io.rustyredis.journal.JournalTool dump &lt;dir&gt;
 *   java -cp rusty-redis.jar io.rustyredis.journal.JournalTool tail &lt;dir&gt; [--from-start]
 *   java -cp rusty-redis.jar io.rustyredis.journal.JournalTool restore &lt;dir&gt; --to &lt;time|index&gt; [--out file]
 * </pre>
 *
 * {@code dump} prints every document: its index (cycle and sequence), the event's time, and the
 * commands it holds, quoted as redis-cli shows them; then a summary, and the damage if any (exit
 * status 1 for corruption). {@code tail} follows the journal as the server appends to it, one line
 * per command, a change-data-capture feed another process can read. {@code dir} is the journal's
 * directory ({@code dir}/{@code appenddirname}): with a manifest, {@code dump} names the base and
 * prints each journal it lists in order, and {@code tail} follows the newest one (it does not move
 * on to the next journal when a rewrite starts one); a directory holding one queue's files is read
 * as that queue.
 */
public final class JournalTool {
  private static final long POLL_NANOS = 10_000_000;

  private final PrintStream out;
  private final EffectParser parser = new EffectParser();
  private final StringBuilder line = new StringBuilder();

  JournalTool(final PrintStream out) {
    this.out = out;
  }

  public static void main(final String[] argv) throws IOException, InterruptedException {
    final List<String> relaunch = relaunchWithManifestFlags(argv);
    if (relaunch != null) {
      final Process tool = new ProcessBuilder(relaunch).inheritIO().start();
      // A SIGTERM or Ctrl-C to this launcher (tail runs until stopped) stops the tool too.
      Runtime.getRuntime().addShutdownHook(new Thread(tool::destroy));
      System.exit(tool.waitFor());
      return;
    }
    if (argv.length < 2 || !(argv[0].equals("dump") || argv[0].equals("tail") || argv[0].equals("restore"))
        || (argv[0].equals("restore") && (argv.length < 4 || !argv[2].equals("--to")))) {
      System.err.println("usage: JournalTool dump <dir> | tail <dir> [--from-start]"
          + " | restore <dir> --to <ISO-8601 time | cycle:sequence> [--out file]");
      System.exit(2);
      return;
    }
    if (argv[0].equals("restore")) {
      System.exit(restore(Path.of(argv[1]), argv[3], Path.of(argv.length > 5 && argv[4].equals("--out") ? argv[5] : "dump.rdb")));
      return;
    }
    final JournalTool tool = new JournalTool(System.out);
    final Path given = Path.of(argv[1]);
    final JournalManifest manifest = JournalManifest.open(given, "appendonly.aof");
    final List<Path> journals = manifest.incrementals();
    final Path dir = journals.isEmpty() ? given : journals.get(journals.size() - 1);
    if (manifest.base() != null) {
      System.out.println("# base " + manifest.base());
    }
    if (!JournalReader.exists(dir) && manifest.base() == null) {
      System.err.println("no journal in " + dir);
      System.exit(1);
      return;
    }
    try {
      if (argv[0].equals("dump")) {
        for (final Path journal : journals.isEmpty() ? List.of(dir) : journals) {
          if (JournalReader.exists(journal)) {
            System.out.println("# journal " + journal);
            tool.dump(journal);
          }
        }
      } else {
        tool.tail(dir, argv.length > 2 && argv[2].equals("--from-start"), () -> { });
      }
    } catch (final JournalCorruptException e) {
      System.err.println(e.getMessage());
      System.exit(1);
    }
  }

  /**
   * Chronicle needs the JVM flags of the jar's manifest ({@code Add-Opens}, {@code Add-Exports}),
   * which Java applies only to {@code java -jar}; started with {@code java -cp rusty-redis.jar}, the
   * tool runs itself again with them. Returns that command line, or null when no relaunch is needed
   * (the flags are in force, or the tool does not run from a jar).
   */
  private static List<String> relaunchWithManifestFlags(final String[] argv) throws IOException {
    if (Object.class.getModule().isOpen("sun.nio.ch", JournalTool.class.getModule())) {
      return null;
    }
    final Path jar;
    try {
      jar = Path.of(JournalTool.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (final URISyntaxException e) {
      return null;
    }
    if (!Files.isRegularFile(jar)) {
      return null;
    }
    final List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    try (JarFile file = new JarFile(jar.toFile())) {
      final Attributes attributes = file.getManifest().getMainAttributes();
      for (final String kind : new String[] {"Add-Opens", "Add-Exports"}) {
        final String packages = attributes.getValue(kind);
        for (final String module : packages == null ? new String[0] : packages.trim().split("\\s+")) {
          command.add("--" + kind.toLowerCase(Locale.ROOT) + "=" + module + "=ALL-UNNAMED");
        }
      }
    }
    command.addAll(List.of("-cp", jar.toString(), JournalTool.class.getName()));
    command.addAll(List.of(argv));
    return command;
  }

  /** {@code restore}: writes the RDB file and says what it holds; 1 when the limit could not be honoured. */
  static int restore(final Path dir, final String limit, final Path out) throws IOException {
    try {
      final JournalRestore.Result r = new JournalRestore().restore(dir, JournalRestore.Limit.parse(limit), out);
      System.out.println("# " + r.documents + " documents replayed after the base, " + r.keys + " keys written to " + out
          + (r.lastTimeMillis > 0 ? " (last document at " + Instant.ofEpochMilli(r.lastTimeMillis) + ")" : ""));
      if (r.indexMissing) {
        System.err.println("no document has index " + limit + ": the file holds everything");
        return 1;
      }
      if (r.beforeBase) {
        System.err.println(limit + " is before the journal's base was written: the file holds the base's state");
        return 1;
      }
      return 0;
    } catch (final JournalCorruptException | RuntimeException e) {
      System.err.println(e.getMessage());
      return 1;
    }
  }

  /** Prints every document and a summary line. */
  void dump(final Path dir) throws JournalCorruptException {
    try (JournalReader reader = new JournalReader(dir)) {
      final JournalReader.Result result = reader.read(this::print, true);
      out.println("# " + result.documents + " documents");
      if (result.tornIndex >= 0) {
        out.println("# torn last document at " + result.tornFile + " position " + result.tornPosition
            + " (index " + index(result.tornIndex) + "): dropped at the next start");
      }
    }
  }

  /** Follows the journal until the thread is interrupted; {@code following} runs once in position. */
  void tail(final Path dir, final boolean fromStart, final Runnable following) throws JournalCorruptException {
    try (JournalReader reader = new JournalReader(dir)) {
      if (!fromStart) {
        reader.tailer().toEnd();
      }
      following.run();
      while (!Thread.currentThread().isInterrupted()) {
        if (reader.read(this::print, true).documents == 0) {
          LockSupport.parkNanos(POLL_NANOS);
        }
        out.flush();
      }
    }
  }

  private void print(final long index, final long timeMillis, final byte[] payload, final int length) {
    final String prefix = index(index) + " " + Instant.ofEpochMilli(timeMillis) + " ";
    parser.parse(payload, length, (p, offsets, lengths, argc) -> {
      line.setLength(0);
      line.append(prefix);
      for (int i = 0; i < argc; i++) {
        if (i > 0) {
          line.append(' ');
        }
        quote(p, offsets[i], lengths[i]);
      }
      out.println(line);
    });
  }

  /** Chronicle's index as cycle:sequence, both in hex. */
  private static String index(final long index) {
    return Integer.toHexString(JournalFiles.ROLL_CYCLE.toCycle(index)) + ":"
        + Long.toHexString(JournalFiles.ROLL_CYCLE.toSequenceNumber(index));
  }

  /** redis-cli's quoting: printable ASCII as is, the rest escaped, inside double quotes. */
  private void quote(final byte[] bytes, final int offset, final int length) {
    line.append('"');
    for (int i = offset; i < offset + length; i++) {
      final int b = bytes[i] & 0xFF;
      switch (b) {
        case '\\': line.append("\\\\"); break;
        case '"': line.append("\\\""); break;
        case '\n': line.append("\\n"); break;
        case '\r': line.append("\\r"); break;
        case '\t': line.append("\\t"); break;
        default:
          if (b >= 0x20 && b < 0x7F) {
            line.append((char) b);
          } else {
            line.append(String.format(Locale.ROOT, "\\x%02x", b));
          }
      }
    }
    line.append('"');
  }
}
