package io.rustyredis.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class JvmFlagsTest {
  @Test
  void forkedBenchmarkJvmsGetTheFlagsOfTheRootPom() {
    // The pom writes "--add-exports a=b"; the annotation constants write "--add-exports=a=b".
    final String fromPom = System.getProperty("jvm.access.flags").trim()
        .replaceAll("(--add-exports|--add-opens)\\s+", "$1=");
    assertEquals(List.of(fromPom.split("\\s+")), List.of(JvmFlags.ALL));
  }
}
