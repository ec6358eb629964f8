package io.rustyredis.engine.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Patterns checked with CONFIG GET on real Redis 7.0.15. */
class GlobTest {
  @Test
  void starAndQuestionMark() {
    assertTrue(Glob.matches("h?", "hz"));
    assertTrue(Glob.matches("*samp*", "maxmemory-samples"));
    assertTrue(Glob.matches("hz*", "hz"));
    assertTrue(Glob.matches("*", "anything"));
    assertTrue(Glob.matches("*max*-*", "proto-max-bulk-len"));
    assertFalse(Glob.matches("h?", "h"));
    assertFalse(Glob.matches("*max*-*", "maxmemory"));
  }

  @Test
  void classesRangesAndNegation() {
    assertTrue(Glob.matches("[h]z", "hz"));
    assertTrue(Glob.matches("[g-i]z", "hz"));
    assertTrue(Glob.matches("[i-g]z", "hz"));
    assertTrue(Glob.matches("[^a-g]z", "hz"));
    assertFalse(Glob.matches("[^h]z", "hz"));
    assertTrue(Glob.matches("maxmemory-[p-q]olicy", "maxmemory-policy"));
    assertFalse(Glob.matches("p[a-z", "port"));
  }

  @Test
  void caseIsIgnoredAndEscapesAreLiteral() {
    assertTrue(Glob.matches("MAXMEMORY*", "maxmemory-policy"));
    assertTrue(Glob.matches("a\\*b", "a*b"));
    assertFalse(Glob.matches("a\\*b", "axb"));
  }
}
