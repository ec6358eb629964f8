package io.rustyredis.journal.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rustyredis.engine.config.Config;
import io.rustyredis.engine.rdb.RdbOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshot files: written whole through a temp file, replaced atomically, read back, errors reported. */
class FileSnapshotsTest {
  @TempDir
  Path dir;

  @Test
  void saveWritesTheFileTheConfigNamesAndLeavesNoTempFile() throws Exception {
    try (FileSnapshots snapshots = new FileSnapshots(config("snap.rdb"))) {
      assertNull(snapshots.read());
      snapshots.save(image(3_000_000, (byte) 1));
      snapshots.save(image(10, (byte) 2));
      final byte[] read = snapshots.read();
      assertEquals(10, read.length);
      assertEquals(2, read[9]);
      try (Stream<Path> files = Files.list(dir)) {
        assertArrayEquals(new Object[] {dir.resolve("snap.rdb")}, files.toArray());
      }
    }
  }

  @Test
  void backgroundSaveCompletesOnceTheFileIsInPlace() throws Exception {
    try (FileSnapshots snapshots = new FileSnapshots(config("dump.rdb"))) {
      final RdbOutput image = image(2_500_000, (byte) 7);
      snapshots.saveInBackground(image).get(30, TimeUnit.SECONDS);
      final byte[] read = snapshots.read();
      assertEquals(2_500_000, read.length);
      assertEquals(7, read[2_499_999]);
    }
  }

  @Test
  void backgroundSaveIntoAMissingDirectoryFailsTheFuture() {
    final Config config = config("dump.rdb");
    config.set("dir", dir.resolve("missing").toString());
    try (FileSnapshots snapshots = new FileSnapshots(config)) {
      final ExecutionException e = assertThrows(ExecutionException.class,
          () -> snapshots.saveInBackground(image(10, (byte) 1)).get(30, TimeUnit.SECONDS));
      assertTrue(e.getCause() instanceof java.io.IOException, e.toString());
    }
  }

  private Config config(final String file) {
    final Config config = new Config();
    config.set("dir", dir.toString());
    config.set("dbfilename", file);
    return config;
  }

  /** An image of {@code length} bytes, the last one {@code last}, spanning several chunks when big. */
  private static RdbOutput image(final int length, final byte last) {
    final RdbOutput out = new RdbOutput();
    for (int i = 0; i < length - 1; i++) {
      out.write(i);
    }
    out.write(last);
    return out;
  }
}
