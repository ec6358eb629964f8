package io.rustyredis.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness reads redis-benchmark's output right and writes a table, CSV and chart from it. */
class SideBySideTest {
  private static String sample() throws IOException {
    try (InputStream in = SideBySideTest.class.getResourceAsStream("/redis-benchmark-set-mset.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void parsesThroughputAndPercentilesOfEachTest() throws IOException {
    final Map<String, SideBySide.Sample> samples = SideBySide.parse(sample());
    assertEquals(List.of("SET", "MSET (10 keys)"), List.copyOf(samples.keySet()));
    assertEquals(new SideBySide.Sample(769230.75, 0.759, 2.143, 2.351), samples.get("SET"));
    assertEquals(new SideBySide.Sample(392156.88, 1.807, 3.775, 4.295), samples.get("MSET (10 keys)"));
  }

  @Test
  void eachFigureIsItsOwnMedian() {
    final SideBySide.Sample median = SideBySide.median(List.of(
        new SideBySide.Sample(3, 1, 9, 20), new SideBySide.Sample(1, 3, 7, 30), new SideBySide.Sample(2, 2, 8, 10)));
    assertEquals(new SideBySide.Sample(2, 2, 8, 20), median);
  }

  @Test
  void writesCsvAndChart(@TempDir final Path dir) throws IOException {
    final List<SideBySide.Row> rows = List.of(
        new SideBySide.Row("none", "-c 50 -P 16 -d 3", "MSET (10 keys)",
            new SideBySide.Sample(300, 1, 2, 3), new SideBySide.Sample(200, 1, 2, 3)));
    assertEquals("mode,load,command,rusty_ops,redis_ops,ratio,rusty_p50,redis_p50,rusty_p99,redis_p99,"
        + "rusty_p999,redis_p999\nnone,-c 50 -P 16 -d 3,MSET,300,200,1.500,1.000,1.000,2.000,2.000,3.000,3.000\n",
        SideBySide.csv(rows));
    RatioChart.write(rows, dir.resolve("chart.png"));
    final byte[] png = Files.readAllBytes(dir.resolve("chart.png"));
    assertEquals((byte) 0x89, png[0]);
    assertEquals("PNG", new String(png, 1, 3, StandardCharsets.US_ASCII));
  }
}
