package io.rustyredis.engine.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rustyredis.engine.EngineHarness;
import org.junit.jupiter.api.Test;

/** BLPOP and friends, driven through the engine with two or more clients; replies as Redis 7.0.15's. */
class BlockingCommandsTest {
  private final EngineHarness redis = new EngineHarness();

  @Test
  void blpopOnAnEmptyKeyWaitsAndIsServedByTheNextPush() {
    final long waiter = redis.client;
    assertEquals("", redis.run("BLPOP", "q", "0"));
    final long pusher = redis.connect();
    assertEquals(":1\r\n", redis.run("RPUSH", "q", "job"));
    assertEquals("*2\r\n$1\r\nq\r\n$3\r\njob\r\n", redis.delivered(waiter));
    assertEquals(":0\r\n", redis.run("EXISTS", "q"));
    assertEquals("", redis.delivered(pusher));
  }

  @Test
  void waitersAreServedFirstComeFirstServed() {
    final long first = redis.client;
    redis.run("BLPOP", "q", "0");
    final long second = redis.connect();
    redis.run("BRPOP", "other", "q", "0");
    redis.connect();
    assertEquals(":2\r\n", redis.run("LPUSH", "q", "a", "b"));
    assertEquals("*2\r\n$1\r\nq\r\n$1\r\nb\r\n", redis.delivered(first));
    assertEquals("*2\r\n$1\r\nq\r\n$1\r\na\r\n", redis.delivered(second));
  }

  @Test
  void aWaiterThatFindsNothingLeftKeepsItsPlace() {
    final long first = redis.client;
    redis.run("BLPOP", "q", "0");
    final long second = redis.connect();
    redis.run("BLPOP", "q", "0");
    redis.connect();
    redis.run("RPUSH", "q", "only");
    assertEquals("*2\r\n$1\r\nq\r\n$4\r\nonly\r\n", redis.delivered(first));
    assertEquals("", redis.delivered(second));
    redis.run("RPUSH", "q", "next");
    assertEquals("*2\r\n$1\r\nq\r\n$4\r\nnext\r\n", redis.delivered(second));
  }

  @Test
  void timeoutRepliesANullArrayInBothProtocols() {
    final long resp2 = redis.client;
    redis.run("BLPOP", "q", "0.1");
    final long resp3 = redis.connect();
    redis.run("HELLO", "3");
    redis.run("BLMOVE", "q", "d", "LEFT", "RIGHT", "0.1");
    redis.advance(99);
    redis.tick();
    assertEquals("", redis.delivered(resp2));
    redis.advance(1);
    redis.tick();
    assertEquals("*-1\r\n", redis.delivered(resp2));
    assertEquals("_\r\n", redis.delivered(resp3));
  }

  @Test
  void commandsSentWhileBlockedAnswerAfterTheBlockingOne() {
    final long waiter = redis.client;
    redis.run("BLPOP", "q", "0");
    assertEquals("", redis.run("PING"));
    assertEquals("", redis.run("GET", "q"));
    redis.connect();
    redis.run("RPUSH", "q", "x");
    assertEquals("*2\r\n$1\r\nq\r\n$1\r\nx\r\n+PONG\r\n$-1\r\n", redis.delivered(waiter));
  }

  @Test
  void aDisconnectedWaiterIsForgotten() {
    final long gone = redis.client;
    redis.run("BLPOP", "q", "0");
    final long next = redis.connect();
    redis.run("BLPOP", "q", "0");
    redis.disconnect(gone);
    redis.connect();
    redis.run("RPUSH", "q", "x");
    assertEquals("*2\r\n$1\r\nq\r\n$1\r\nx\r\n", redis.delivered(next));
    assertEquals(":0\r\n", redis.run("LLEN", "q"));
  }

  @Test
  void aKeyOfAnotherTypeLeavesWaitersWaiting() {
    final long waiter = redis.client;
    redis.run("BLPOP", "q", "0");
    redis.connect();
    redis.run("ZADD", "q", "1", "m");
    assertEquals("", redis.delivered(waiter));
    redis.run("DEL", "q");
    redis.run("RPUSH", "q", "v");
    assertEquals("*2\r\n$1\r\nq\r\n$1\r\nv\r\n", redis.delivered(waiter));
  }

  @Test
  void blmoveServesIntoItsDestinationAndThatCanServeAnother() {
    final long mover = redis.client;
    redis.run("BLMOVE", "src", "dst", "RIGHT", "LEFT", "0");
    final long popper = redis.connect();
    redis.run("BLPOP", "dst", "0");
    redis.connect();
    redis.run("RPUSH", "src", "v");
    assertEquals("$1\r\nv\r\n", redis.delivered(mover));
    assertEquals("*2\r\n$3\r\ndst\r\n$1\r\nv\r\n", redis.delivered(popper));
  }

  @Test
  void bzpopminAndBzmpopServeSortedSets() {
    final long a = redis.client;
    redis.run("BZPOPMIN", "z", "0");
    final long b = redis.connect();
    redis.run("BZMPOP", "0", "1", "z", "MAX", "COUNT", "5");
    redis.connect();
    redis.run("ZADD", "z", "1", "one", "2", "two", "3", "three");
    assertEquals("*3\r\n$1\r\nz\r\n$3\r\none\r\n$1\r\n1\r\n", redis.delivered(a));
    assertEquals("*2\r\n$1\r\nz\r\n*2\r\n*2\r\n$5\r\nthree\r\n$1\r\n3\r\n*2\r\n$3\r\ntwo\r\n$1\r\n2\r\n", redis.delivered(b));
  }

  @Test
  void blockingCommandsAnswerAtOnceWhenThereIsData() {
    redis.run("RPUSH", "l", "a", "b");
    assertEquals("*2\r\n$1\r\nl\r\n$1\r\nb\r\n", redis.run("BRPOP", "nokey", "l", "1"));
    assertEquals("*2\r\n$1\r\nl\r\n*1\r\n$1\r\na\r\n", redis.run("BLMPOP", "1", "1", "l", "LEFT"));
    redis.run("SET", "s", "x");
    assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", redis.run("BLPOP", "s", "1"));
  }

  @Test
  void timeoutsAreCheckedAsRedisChecksThem() {
    assertEquals("-ERR timeout is not a float or out of range\r\n", redis.run("BLPOP", "q", "abc"));
    assertEquals("-ERR timeout is negative\r\n", redis.run("BLPOP", "q", "-1"));
    assertEquals("-ERR timeout is negative\r\n", redis.run("BLPOP", "q", "inf"));
    assertEquals("-ERR timeout is negative\r\n", redis.run("BZPOPMIN", "q", "1e20"));
    assertEquals("-ERR syntax error\r\n", redis.run("BLMOVE", "a", "b", "UP", "LEFT", "0"));
  }
}
