package io.rustyredis.engine.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rustyredis.engine.Glob;
import org.junit.jupiter.api.Test;

/** CONFIG GET's case-insensitive patterns, as checked on real Redis 7.0.15. */
class ConfigPatternTest {
  @Test
  void starAndQuestionMark() {
    assertTrue(Glob.matchesIgnoreCase("h?", "hz"));
    assertTrue(Glob.matchesIgnoreCase("*samp*", "maxmemory-samples"));
    assertTrue(Glob.matchesIgnoreCase("hz*", "hz"));
    assertTrue(Glob.matchesIgnoreCase("*", "anything"));
    assertTrue(Glob.matchesIgnoreCase("*max*-*", "proto-max-bulk-len"));
    assertFalse(Glob.matchesIgnoreCase("h?", "h"));
    assertFalse(Glob.matchesIgnoreCase("*max*-*", "maxmemory"));
  }

  @Test
  void classesRangesAndNegation() {
    assertTrue(Glob.matchesIgnoreCase("[h]z", "hz"));
    assertTrue(Glob.matchesIgnoreCase("[g-i]z", "hz"));
    assertTrue(Glob.matchesIgnoreCase("[i-g]z", "hz"));
    assertTrue(Glob.matchesIgnoreCase("[^a-g]z", "hz"));
    assertFalse(Glob.matchesIgnoreCase("[^h]z", "hz"));
    assertTrue(Glob.matchesIgnoreCase("maxmemory-[p-q]olicy", "maxmemory-policy"));
    assertFalse(Glob.matchesIgnoreCase("p[a-z", "port"));
  }

  @Test
  void caseIsIgnoredAndEscapesAreLiteral() {
    assertTrue(Glob.matchesIgnoreCase("MAXMEMORY*", "maxmemory-policy"));
    assertTrue(Glob.matchesIgnoreCase("a\\*b", "a*b"));
    assertFalse(Glob.matchesIgnoreCase("a\\*b", "axb"));
  }
}
