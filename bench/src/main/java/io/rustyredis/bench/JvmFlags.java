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

  /** All of them, in the pom's order. */
  static final String[] ALL = {EXPORT_MISC, OPEN_NIO, OPEN_SUN_NIO_CH};

  private JvmFlags() {}
}
