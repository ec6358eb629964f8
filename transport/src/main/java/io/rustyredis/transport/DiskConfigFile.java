package io.rustyredis.transport;

import io.rustyredis.engine.config.ConfigFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The redis.conf on disk behind CONFIG REWRITE. Written as Redis 7.0 writes it: to a temporary
 * file beside it, forced to disk, then renamed over it, so a crash mid-write leaves the old file.
 */
final class DiskConfigFile implements ConfigFile {
  private final Path path;

  DiskConfigFile(final Path path) {
    this.path = path.toAbsolutePath();
  }

  @Override
  public String read() throws IOException {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (final NoSuchFileException e) {
      return "";
    }
  }

  @Override
  public void write(final String text) throws IOException {
    final Path temp = path.resolveSibling("redis.conf.tmp-" + ProcessHandle.current().pid());
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      channel.write(StandardCharsets.UTF_8.encode(text));
      channel.force(true);
    }
    Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
