package io.rustyredis.bench;

/**
 * The JVM flags every forked benchmark JVM needs, as constants so that {@code @Fork(jvmArgsAppend =
 * ...)} can name them: Agrona 2.x reaches {@code jdk.internal.misc.Unsafe} for the off-heap
 * keyspace, and Netty's direct buffers want {@code java.nio} open. Annotations cannot read a Maven
 * property, so these repeat the root pom's {@code jvm.access.flags}; {@code JvmFlagsTest} fails the
 * build when the two drift apart.
 */
public final class JvmFlags {
  public static final String EXPORT_MISC = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";
  public static final String OPEN_NIO = "--add-opens=java.base/java.nio=ALL-UNNAMED";
  public static final String OPEN_SUN_NIO_CH = "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED";

  /** Chronicle Queue's (the journal): only benchmarks that journal need these. */
  public static final String[] CHRONICLE = {
      "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
      "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
      "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED",
      "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED"};

  /** All of them, in the pom's order. */
  static final String[] ALL = all();

  private static String[] all() {
    final String[] all = new String[3 + CHRONICLE.length];
    all[0] = EXPORT_MISC;
    all[1] = OPEN_NIO;
    all[2] = OPEN_SUN_NIO_CH;
    System.arraycopy(CHRONICLE, 0, all, 3, CHRONICLE.length);
    return all;
  }

  private JvmFlags() {}
}
