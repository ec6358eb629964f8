package io.rustyredis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DispatchTest {
  private final EngineHarness redis = new EngineHarness();

  @Test
  void unknownCommandQuotesItsFirstArguments() {
    assertEquals("-ERR unknown command 'nosuch', with args beginning with: 'a' 'b' \r\n", redis.run("nosuch", "a", "b"));
    assertEquals("-ERR unknown command 'nosuch', with args beginning with: \r\n", redis.run("nosuch"));
  }

  @Test
  void wrongArityNamesTheCommand() {
    assertEquals("-ERR wrong number of arguments for 'get' command\r\n", redis.run("GET"));
    assertEquals("-ERR wrong number of arguments for 'get' command\r\n", redis.run("get", "a", "b"));
  }

  @Test
  void commandNamesIgnoreCase() {
    assertEquals("+OK\r\n", redis.run("SeT", "k", "v"));
    assertEquals("$1\r\nv\r\n", redis.run("gEt", "k"));
  }

  @Test
  void helloSwitchesToResp3Maps() {
    final String reply = redis.run("HELLO", "3");
    assertEquals('%', reply.charAt(0));
    assertEquals("_\r\n", redis.run("GET", "missing"));
    redis.run("HELLO", "2");
    assertEquals("$-1\r\n", redis.run("GET", "missing"));
  }

  @Test
  void nothingPipelinedAfterQuitRuns() {
    assertEquals("+OK\r\n", redis.run("QUIT"));
    assertEquals("", redis.run("SET", "k", "v"));
    redis.connect();
    assertEquals(":0\r\n", redis.run("EXISTS", "k"));
  }
}
