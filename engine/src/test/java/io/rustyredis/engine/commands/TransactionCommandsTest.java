package io.rustyredis.engine.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rustyredis.engine.EngineHarness;
import org.junit.jupiter.api.Test;

/**
 * MULTI, EXEC, DISCARD, WATCH and UNWATCH, mostly ported from Redis's tests/unit/multi.tcl; every
 * reply as Redis 7.0.15's.
 */
class TransactionCommandsTest {
  private static final String OK = "+OK\r\n";
  private static final String QUEUED = "+QUEUED\r\n";
  private static final String NIL_ARRAY = "*-1\r\n";
  private static final String EXECABORT = "-EXECABORT Transaction discarded because of previous errors.\r\n";
  private final EngineHarness redis = new EngineHarness();

  @Test
  void multiQueuesAndExecRunsTheQueueInOrder() {
    redis.run("RPUSH", "mylist", "a", "b", "c");
    assertEquals(OK, redis.run("MULTI"));
    assertEquals(QUEUED, redis.run("LRANGE", "mylist", "0", "-1"));
    assertEquals(QUEUED, redis.run("PING"));
    assertEquals("*2\r\n*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n+PONG\r\n", redis.run("EXEC"));
  }

  @Test
  void queuedCommandsDoNotRunBeforeExec() {
    redis.run("MULTI");
    redis.run("SET", "k", "v");
    final long other = redis.client;
    redis.connect();
    assertEquals("$-1\r\n", redis.run("GET", "k"));
    redis.client = other;
    assertEquals("*1\r\n+OK\r\n", redis.run("EXEC"));
  }

  @Test
  void emptyTransactionRepliesAnEmptyArray() {
    redis.run("MULTI");
    assertEquals("*0\r\n", redis.run("EXEC"));
  }

  @Test
  void discardDropsTheQueue() {
    redis.run("RPUSH", "mylist", "a", "b", "c");
    redis.run("MULTI");
    assertEquals(QUEUED, redis.run("DEL", "mylist"));
    assertEquals(OK, redis.run("DISCARD"));
    assertEquals("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n", redis.run("LRANGE", "mylist", "0", "-1"));
  }

  @Test
  void nestedMultiIsAnErrorThatDoesNotAbortTheTransaction() {
    redis.run("MULTI");
    assertEquals("-ERR MULTI calls can not be nested\r\n", redis.run("MULTI"));
    redis.run("SET", "k", "v");
    assertEquals("*1\r\n+OK\r\n", redis.run("EXEC"));
  }

  @Test
  void watchInsideMultiIsAnErrorThatDoesNotAbortTheTransaction() {
    redis.run("MULTI");
    assertEquals("-ERR WATCH inside MULTI is not allowed\r\n", redis.run("WATCH", "x"));
    assertEquals("*0\r\n", redis.run("EXEC"));
  }

  @Test
  void execWithoutMultiIsAnError() {
    assertEquals("-ERR EXEC without MULTI\r\n", redis.run("EXEC"));
  }

  @Test
  void discardWithoutMultiIsAnError() {
    assertEquals("-ERR DISCARD without MULTI\r\n", redis.run("DISCARD"));
  }

  @Test
  void commandsAlteringTheirArgumentsRunInsideExec() {
    redis.run("SADD", "myset", "a");
    redis.run("MULTI");
    redis.run("SPOP", "myset");
    assertEquals("*1\r\n$1\r\na\r\n", redis.run("EXEC"));
    assertEquals(":0\r\n", redis.run("EXISTS", "myset"));
  }

  @Test
  void unknownCommandWhileQueueingAbortsExec() {
    redis.run("MULTI");
    redis.run("SET", "foo1", "bar1");
    assertEquals("-ERR unknown command 'non-existing-command', with args beginning with: \r\n",
        redis.run("non-existing-command"));
    redis.run("SET", "foo2", "bar2");
    assertEquals(EXECABORT, redis.run("EXEC"));
    assertEquals(":0\r\n", redis.run("EXISTS", "foo1", "foo2"));
  }

  @Test
  void wrongArityWhileQueueingAbortsExec() {
    redis.run("MULTI");
    assertEquals("-ERR wrong number of arguments for 'set' command\r\n", redis.run("SET"));
    assertEquals(QUEUED, redis.run("SET", "a", "b"));
    assertEquals(EXECABORT, redis.run("EXEC"));
    assertEquals("$-1\r\n", redis.run("GET", "a"));
  }

  @Test
  void unknownSubcommandWhileQueueingAbortsExec() {
    redis.run("MULTI");
    assertEquals("-ERR unknown subcommand 'nope'. Try CONFIG HELP.\r\n", redis.run("CONFIG", "nope"));
    assertEquals(EXECABORT, redis.run("EXEC"));
  }

  @Test
  void watchWithWrongArityInsideMultiAbortsExec() {
    redis.run("MULTI");
    assertEquals("-ERR wrong number of arguments for 'watch' command\r\n", redis.run("WATCH"));
    assertEquals(EXECABORT, redis.run("EXEC"));
  }

  @Test
  void multiWithWrongArityInsideMultiAbortsExec() {
    redis.run("MULTI");
    assertEquals("-ERR wrong number of arguments for 'multi' command\r\n", redis.run("MULTI", "x"));
    assertEquals(EXECABORT, redis.run("EXEC"));
  }

  @Test
  void discardWithWrongArityKeepsTheTransaction() {
    redis.run("MULTI");
    assertEquals("-ERR wrong number of arguments for 'discard' command\r\n", redis.run("DISCARD", "x"));
    assertEquals(OK, redis.run("DISCARD"));
  }

  @Test
  void execWithWrongArityAbortsTheTransactionAtOnce() {
    redis.run("MULTI");
    redis.run("SET", "k", "v");
    assertEquals("-EXECABORT Transaction discarded because of: wrong number of arguments for 'exec' command\r\n",
        redis.run("EXEC", "x"));
    assertEquals("+PONG\r\n", redis.run("PING"));
    assertEquals("-ERR EXEC without MULTI\r\n", redis.run("EXEC"));
    assertEquals("$-1\r\n", redis.run("GET", "k"));
  }

  @Test
  void execWithWrongArityOutsideMultiSaysExecabortToo() {
    assertEquals("-EXECABORT Transaction discarded because of: wrong number of arguments for 'exec' command\r\n",
        redis.run("EXEC", "x"));
  }

  @Test
  void abortedExecLeavesMultiState() {
    redis.run("MULTI");
    redis.run("non-existing-command");
    assertEquals(EXECABORT, redis.run("EXEC"));
    assertEquals("+PONG\r\n", redis.run("PING"));
  }

  @Test
  void noMultiCommandsAreRefusedAndAbortExec() {
    redis.run("MULTI");
    redis.run("SET", "foo", "bar");
    assertEquals("-ERR Command not allowed inside a transaction\r\n", redis.run("SHUTDOWN"));
    assertEquals(EXECABORT, redis.run("EXEC"));
    assertEquals("$-1\r\n", redis.run("GET", "foo"));
  }

  @Test
  void runtimeErrorsAreRepliedPerCommandWithoutRollback() {
    redis.run("MULTI");
    redis.run("INCR", "a");
    redis.run("SET", "b", "c");
    redis.run("LPUSH", "b", "x");
    redis.run("INCR", "a");
    assertEquals("*4\r\n:1\r\n+OK\r\n-WRONGTYPE Operation against a key holding the wrong kind of value\r\n:2\r\n",
        redis.run("EXEC"));
    assertEquals("$1\r\nc\r\n", redis.run("GET", "b"));
  }

  @Test
  void execRepliesInResp3() {
    redis.run("HELLO", "3");
    redis.run("HSET", "h", "f", "v");
    redis.run("MULTI");
    redis.run("HGETALL", "h");
    redis.run("GET", "missing");
    assertEquals("*2\r\n%1\r\n$1\r\nf\r\n$1\r\nv\r\n_\r\n", redis.run("EXEC"));
  }

  @Test
  void selectInsideExecChangesTheClientsDatabase() {
    redis.run("MULTI");
    redis.run("SELECT", "1");
    redis.run("SET", "k", "v");
    assertEquals("*2\r\n+OK\r\n+OK\r\n", redis.run("EXEC"));
    assertEquals("$1\r\nv\r\n", redis.run("GET", "k"));
    redis.run("SELECT", "0");
    assertEquals("$-1\r\n", redis.run("GET", "k"));
  }

  @Test
  void blockingCommandsInsideExecDoNotBlock() {
    redis.run("MULTI");
    assertEquals(QUEUED, redis.run("BLPOP", "l", "0"));
    redis.run("BRPOP", "l", "1");
    redis.run("BZPOPMIN", "z", "0");
    redis.run("BZPOPMAX", "z", "0");
    redis.run("BLMOVE", "a", "b", "LEFT", "LEFT", "0");
    redis.run("BLMPOP", "0", "1", "l", "LEFT");
    redis.run("BZMPOP", "0", "1", "z", "MIN");
    redis.run("BRPOPLPUSH", "a", "b", "0");
    assertEquals("*8\r\n*-1\r\n*-1\r\n*-1\r\n*-1\r\n$-1\r\n*-1\r\n*-1\r\n$-1\r\n", redis.run("EXEC"));
    assertEquals("+PONG\r\n", redis.run("PING"));
  }

  @Test
  void blockingCommandsInsideExecStillPopWhatIsThere() {
    redis.run("RPUSH", "l", "x");
    redis.run("MULTI");
    redis.run("BLPOP", "l", "0");
    redis.run("BLPOP", "l", "0");
    assertEquals("*2\r\n*2\r\n$1\r\nl\r\n$1\r\nx\r\n*-1\r\n", redis.run("EXEC"));
  }

  @Test
  void blockingCommandsInsideExecReplyNullInResp3() {
    redis.run("HELLO", "3");
    redis.run("MULTI");
    redis.run("BLPOP", "l", "0");
    redis.run("BLMOVE", "a", "b", "LEFT", "LEFT", "0");
    assertEquals("*2\r\n_\r\n_\r\n", redis.run("EXEC"));
  }

  @Test
  void aPushInsideExecServesAClientBlockedOutside() {
    final long waiter = redis.client;
    redis.run("BLPOP", "q", "0");
    redis.connect();
    redis.run("MULTI");
    redis.run("RPUSH", "q", "job");
    redis.run("GET", "q");
    assertEquals("*2\r\n:1\r\n-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
        redis.run("EXEC"));
    assertEquals("*2\r\n$1\r\nq\r\n$3\r\njob\r\n", redis.delivered(waiter));
  }

  @Test
  void resetLeavesMultiAndUnwatches() {
    redis.run("SET", "x", "1");
    redis.run("WATCH", "x");
    redis.run("MULTI");
    redis.run("SET", "k", "v");
    assertEquals("+RESET\r\n", redis.run("RESET"));
    assertEquals("-ERR EXEC without MULTI\r\n", redis.run("EXEC"));
    assertEquals("$-1\r\n", redis.run("GET", "k"));
    redis.run("FLUSHALL");
    redis.run("MULTI");
    assertEquals("*0\r\n", redis.run("EXEC"));
  }

  @Test
  void quitInsideMultiIsNotQueued() {
    redis.run("MULTI");
    assertEquals(OK, redis.run("QUIT"));
    assertEquals(true, redis.lastEvent().closeAfterReply);
  }

  @Test
  void disconnectDropsTheQueueAndTheWatches() {
    final long first = redis.client;
    redis.run("SET", "x", "1");
    redis.run("WATCH", "x");
    redis.run("MULTI");
    redis.run("SET", "k", "v");
    redis.disconnect(first);
    redis.connect();
    assertEquals("$-1\r\n", redis.run("GET", "k"));
    assertEquals(OK, redis.run("FLUSHALL"));
  }

  // WATCH

  @Test
  void execRunsWhenNoWatchedKeyChanged() {
    redis.run("WATCH", "x", "y", "z");
    redis.run("WATCH", "k");
    redis.run("MULTI");
    redis.run("PING");
    assertEquals("*1\r\n+PONG\r\n", redis.run("EXEC"));
  }

  @Test
  void unwatchWithNothingWatchedIsOk() {
    assertEquals(OK, redis.run("UNWATCH"));
  }

  @Test
  void unwatchTakesNoArguments() {
    assertEquals("-ERR wrong number of arguments for 'unwatch' command\r\n", redis.run("UNWATCH", "x"));
  }

  @Test
  void watchNeedsAKey() {
    assertEquals("-ERR wrong number of arguments for 'watch' command\r\n", redis.run("WATCH"));
  }

  @Test
  void expiryOfAWatchedKeyFailsExec() {
    redis.run("SET", "x", "foo", "PX", "1000");
    redis.run("WATCH", "x");
    redis.advance(2000);
    redis.tick();
    assertEquals(":0\r\n", redis.run("DBSIZE"));
    redis.run("MULTI");
    redis.run("PING");
    assertEquals(NIL_ARRAY, redis.run("EXEC"));
  }

  @Test
  void lazilyExpiredWatchedKeyFailsExecEvenIfNotYetDeleted() {
    redis.run("SET", "key", "1", "PX", "100");
    redis.run("WATCH", "key");
    redis.advance(101);
    redis.run("MULTI");
    redis.run("INCR", "key");
    assertEquals(NIL_ARRAY, redis.run("EXEC"));
  }

  @Test
  void lazilyExpiredWatchedKeyDeletedBeforeExecFailsExec() {
    redis.run("SET", "x", "1", "PX", "50");
    redis.run("WATCH", "x");
    redis.advance(100);
    assertEquals(":0\r\n", redis.run("EXISTS", "x"));
    redis.run("MULTI");
    redis.run("PING");
    assertEquals(NIL_ARRAY, redis.run("EXEC"));
  }

  @Test
  void failedExecRepliesNullInResp3() {
    redis.run("HELLO", "3");
    redis.run("SET", "x", "1", "PX", "50");
    redis.run("WATCH", "x");
    redis.advance(100);
    redis.run("MULTI");
    redis.run("PING");
    assertEquals("_\r\n", redis.run("EXEC"));
  }

  @Test
  void watchingAStaleKeyDoesNotFailExec() {
    redis.run("SET", "x", "foo", "PX", "1");
    redis.advance(2);
    redis.run("WATCH", "x");
    redis.run("MULTI");
    redis.run("PING");
    assertEquals("*1\r\n+PONG\r\n", redis.run("EXEC"));
  }

  @Test
  void deletingAWatchedStaleKeyDoesNotFailExec() {
    redis.run("SET", "x", "foo", "PX", "1");
    redis.advance(2);
    redis.run("WATCH", "x");
    assertEquals(":0\r\n", redis.run("EXISTS", "x"));
    redis.run("MULTI");
    redis.run("PING");
    assertEquals("*1\r\n+PONG\r\n", redis.run("EXEC"));
  }

  @Test
  void activeExpiryOfAWatchedStaleKeyDoesNotFailExec() {
    redis.run("SET", "x", "foo", "PX", "1");
    redis.advance(2);
    redis.run("WATCH", "x");
    redis.advance(1000);
    redis.tick();
    assertEquals(":0\r\n", redis.run("DBSIZE"));
    redis.run("MULTI");
    redis.run("PING");
    assertEquals("*1\r\n+PONG\r\n", redis.run("EXEC"));
  }

  @Test
  void deletingOneOfTwoWatchedStaleKeysDoesNotFailExec() {
    redis.run("SET", "a", "foo", "PX", "1");
    redis.run("SET", "b", "foo", "PX", "1");
    redis.advance(2);
    redis.run("WATCH", "a", "b");
    redis.run("EXISTS", "b");
    redis.run("MULTI");
    redis.run("PING");
    assertEquals("*1\r\n+PONG\r\n", redis.run("EXEC"));
  }

  @Test
  void flushdbWhileWatchingAStaleKeyDoesNotFailExec() {
    redis.run("SET", "x", "foo", "PX", "1");
    redis.advance(2);
    redis.run("WATCH", "x");
    redis.run("FLUSHDB");
    redis.run("MULTI");
    redis.run("PING");
    assertEquals("*1\r\n+PONG\r\n", redis.run("EXEC"));
  }

  @Test
  void flushallWhileWatchingAStaleKeyDoesNotFailExec() {
    redis.run("SET", "x", "foo", "PX", "1");
    redis.advance(2);
    redis.run("WATCH", "x");
    redis.run("FLUSHALL");
    redis.run("MULTI");
    redis.run("PING");
    assertEquals("*1\r\n+PONG\r\n", redis.run("EXEC"));
  }

  @Test
  void flushallTouchesWatchedKeys() {
    redis.run("SET", "x", "30");
    redis.run("WATCH", "x");
    redis.run("FLUSHALL");
    redis.run("MULTI");
    redis.run("PING");
    assertEquals(NIL_ARRAY, redis.run("EXEC"));
  }

  @Test
  void flushallDoesNotTouchWatchedKeysThatDidNotExist() {
    redis.run("WATCH", "x");
    redis.run("FLUSHALL");
    redis.run("MULTI");
    redis.run("PING");
    assertEquals("*1\r\n+PONG\r\n", redis.run("EXEC"));
  }

  @Test
  void flushdbTouchesWatchedKeys() {
    redis.run("SET", "x", "30");
    redis.run("WATCH", "x");
    redis.run("FLUSHDB");
    redis.run("MULTI");
    redis.run("PING");
    assertEquals(NIL_ARRAY, redis.run("EXEC"));
  }

  @Test
  void flushdbDoesNotTouchWatchedKeysThatDidNotExist() {
    redis.run("WATCH", "x");
    redis.run("FLUSHDB");
    redis.run("MULTI");
    redis.run("PING");
    assertEquals("*1\r\n+PONG\r\n", redis.run("EXEC"));
  }

  @Test
  void flushdbOfAnotherDatabaseDoesNotTouchWatchedKeys() {
    redis.run("SET", "x", "30");
    redis.run("WATCH", "x");
    final long watcher = redis.client;
    redis.connect();
    redis.run("SELECT", "1");
    redis.run("FLUSHDB");
    redis.client = watcher;
    redis.run("MULTI");
    redis.run("PING");
    assertEquals("*1\r\n+PONG\r\n", redis.run("EXEC"));
  }

  @Test
  void flushallWhileWatchingSeveralKeysUnwatchesThemAll() {
    redis.run("MSET", "a", "a", "b", "b");
    redis.run("WATCH", "b", "a");
    redis.run("FLUSHALL");
    assertEquals("+PONG\r\n", redis.run("PING"));
    redis.run("MULTI");
    assertEquals(NIL_ARRAY, redis.run("EXEC"));
  }

  @Test
  void swapdbTouchesWatchedKeysThatExist() {
    redis.run("SET", "x", "30");
    redis.run("WATCH", "x");
    redis.run("SWAPDB", "0", "1");
    redis.run("MULTI");
    redis.run("PING");
    assertEquals(NIL_ARRAY, redis.run("EXEC"));
  }

  @Test
  void swapdbTouchesWatchedKeysThatDoNotExist() {
    redis.run("SELECT", "1");
    redis.run("SET", "x", "30");
    redis.run("SELECT", "0");
    redis.run("WATCH", "x");
    redis.run("SWAPDB", "0", "1");
    redis.run("MULTI");
    redis.run("PING");
    assertEquals(NIL_ARRAY, redis.run("EXEC"));
  }

  @Test
  void swapdbTouchesWatchedKeysEvenWithEqualValuesInBoth() {
    redis.run("SET", "x", "1");
    redis.run("SELECT", "1");
    redis.run("SET", "x", "1");
    redis.run("WATCH", "x");
    redis.run("SWAPDB", "0", "1");
    redis.run("MULTI");
    redis.run("PING");
    assertEquals(NIL_ARRAY, redis.run("EXEC"));
  }

  @Test
  void swapdbOfADatabaseWithItselfTouchesNothing() {
    redis.run("SET", "x", "1");
    redis.run("WATCH", "x");
    assertEquals(OK, redis.run("SWAPDB", "0", "0"));
    redis.run("MULTI");
    assertEquals("*0\r\n", redis.run("EXEC"));
  }

  @Test
  void swapdbDoesNotTouchWatchedKeysMissingFromBoth() {
    redis.run("SELECT", "1");
    redis.run("WATCH", "x");
    redis.run("SWAPDB", "0", "1");
    redis.run("MULTI");
    redis.run("PING");
    assertEquals("*1\r\n+PONG\r\n", redis.run("EXEC"));
  }

  @Test
  void swapdbDoesNotTouchAWatchedStaleKeyReplacedWithNothing() {
    redis.run("SELECT", "1");
    redis.run("SET", "x", "foo", "PX", "1");
    redis.advance(2);
    redis.run("WATCH", "x");
    redis.run("SWAPDB", "0", "1");
    redis.run("MULTI");
    redis.run("PING");
    assertEquals("*1\r\n+PONG\r\n", redis.run("EXEC"));
  }

  @Test
  void swapdbDoesNotTouchAMissingKeyReplacedWithAStaleKey() {
    redis.run("SET", "x", "foo", "PX", "1");
    redis.advance(2);
    redis.run("SELECT", "1");
    redis.run("WATCH", "x");
    redis.run("SWAPDB", "0", "1");
    redis.run("MULTI");
    redis.run("PING");
    assertEquals("*1\r\n+PONG\r\n", redis.run("EXEC"));
  }

  @Test
  void swapdbDoesNotTouchAStaleKeyReplacedWithAnotherStaleKey() {
    redis.run("SELECT", "1");
    redis.run("SET", "x", "foo", "PX", "1");
    redis.run("SELECT", "0");
    redis.run("SET", "x", "bar", "PX", "1");
    redis.advance(2);
    redis.run("SELECT", "1");
    redis.run("WATCH", "x");
    redis.run("SWAPDB", "0", "1");
    redis.run("MULTI");
    redis.run("PING");
    assertEquals("*1\r\n+PONG\r\n", redis.run("EXEC"));
  }

  @Test
  void swapdbTouchesAStaleKeyReplacedWithALiveOne() {
    redis.run("SELECT", "1");
    redis.run("SET", "x", "foo", "PX", "1");
    redis.run("SELECT", "0");
    redis.run("SET", "x", "bar");
    redis.advance(2);
    redis.run("SELECT", "1");
    redis.run("WATCH", "x");
    redis.run("SWAPDB", "0", "1");
    redis.run("MULTI");
    redis.run("PING");
    assertEquals(NIL_ARRAY, redis.run("EXEC"));
  }

  @Test
  void watchRemembersTheDatabaseOfTheKey() {
    redis.run("SELECT", "5");
    redis.run("SET", "x", "30", "PX", "1000");
    redis.run("WATCH", "x");
    redis.run("SELECT", "1");
    redis.run("SET", "x", "10", "PX", "10");
    redis.advance(20);
    redis.run("GET", "x");
    redis.run("FLUSHDB");
    redis.run("SELECT", "5");
    redis.run("MULTI");
    redis.run("PING");
    assertEquals("*1\r\n+PONG\r\n", redis.run("EXEC"));
  }

  @Test
  void afterSuccessfulExecTheKeyIsNoLongerWatched() {
    redis.run("SET", "x", "30");
    redis.run("WATCH", "x");
    redis.run("MULTI");
    redis.run("PING");
    redis.run("EXEC");
    redis.run("FLUSHALL");
    redis.run("MULTI");
    redis.run("PING");
    assertEquals("*1\r\n+PONG\r\n", redis.run("EXEC"));
  }

  @Test
  void afterFailedExecTheKeyIsNoLongerWatched() {
    redis.run("SET", "x", "30");
    redis.run("WATCH", "x");
    redis.run("FLUSHALL");
    redis.run("MULTI");
    redis.run("PING");
    assertEquals(NIL_ARRAY, redis.run("EXEC"));
    redis.run("SET", "x", "30");
    redis.run("FLUSHALL");
    redis.run("MULTI");
    redis.run("PING");
    assertEquals("*1\r\n+PONG\r\n", redis.run("EXEC"));
  }

  @Test
  void unwatchForgetsATouchedKey() {
    redis.run("SET", "x", "30");
    redis.run("WATCH", "x");
    redis.run("FLUSHALL");
    assertEquals(OK, redis.run("UNWATCH"));
    redis.run("MULTI");
    redis.run("PING");
    assertEquals("*1\r\n+PONG\r\n", redis.run("EXEC"));
  }

  @Test
  void discardClearsTheTouchedFlag() {
    redis.run("SET", "x", "1");
    redis.run("WATCH", "x");
    redis.run("FLUSHALL");
    redis.run("MULTI");
    assertEquals(OK, redis.run("DISCARD"));
    redis.run("MULTI");
    redis.run("INCR", "x");
    assertEquals("*1\r\n:1\r\n", redis.run("EXEC"));
  }

  @Test
  void discardUnwatchesAllKeys() {
    redis.run("SET", "x", "1");
    redis.run("WATCH", "x");
    redis.run("MULTI");
    redis.run("DISCARD");
    redis.run("FLUSHALL");
    redis.run("MULTI");
    redis.run("INCR", "x");
    assertEquals("*1\r\n:1\r\n", redis.run("EXEC"));
  }

  @Test
  void watchAfterATouchStaysTouched() {
    redis.run("SET", "x", "1");
    redis.run("WATCH", "x");
    redis.run("FLUSHALL");
    assertEquals(OK, redis.run("WATCH", "y"));
    redis.run("MULTI");
    assertEquals(NIL_ARRAY, redis.run("EXEC"));
  }

  @Test
  void aTouchFailsEveryWatcherOfTheKey() {
    redis.run("SET", "x", "1", "PX", "10");
    final long first = redis.client;
    redis.run("WATCH", "x");
    redis.connect();
    redis.run("WATCH", "x", "y");
    redis.advance(20);
    redis.tick();
    redis.run("MULTI");
    assertEquals(NIL_ARRAY, redis.run("EXEC"));
    redis.client = first;
    redis.run("MULTI");
    assertEquals(NIL_ARRAY, redis.run("EXEC"));
  }

  @Test
  void aTransactionIsNotFailedByItsOwnWrites() {
    redis.run("SET", "x", "1", "PX", "10");
    redis.run("WATCH", "x");
    redis.run("MULTI");
    redis.run("FLUSHALL");
    redis.run("SET", "x", "2");
    assertEquals("*2\r\n+OK\r\n+OK\r\n", redis.run("EXEC"));
  }

  // WATCH against writes, each command signalling what it changed.

  @Test
  void writeToTheWatchedKeyFailsExec() {
    redis.run("SET", "x", "30");
    redis.run("WATCH", "x");
    redis.run("SET", "x", "40");
    redis.run("MULTI");
    redis.run("PING");
    assertEquals(NIL_ARRAY, redis.run("EXEC"));
  }

  @Test
  void writeToOneOfFiveWatchedKeysFailsExec() {
    redis.run("SET", "x", "30");
    redis.run("WATCH", "a", "b", "x", "k", "z");
    redis.run("SET", "x", "40");
    redis.run("MULTI");
    redis.run("PING");
    assertEquals(NIL_ARRAY, redis.run("EXEC"));
  }

  @Test
  void settingTheSameValueStillFailsExec() {
    redis.run("SET", "x", "1");
    redis.run("WATCH", "x");
    redis.run("SET", "x", "1");
    redis.run("MULTI");
    redis.run("PING");
    assertEquals(NIL_ARRAY, redis.run("EXEC"));
  }

  @Test
  void sortStoreFailsExecEvenWhenTheResultIsEmpty() {
    redis.run("LPUSH", "foo", "bar");
    redis.run("WATCH", "foo");
    redis.run("SORT", "emptylist", "STORE", "foo");
    redis.run("MULTI");
    redis.run("PING");
    assertEquals(NIL_ARRAY, redis.run("EXEC"));
  }

  @Test
  void expireOnTheWatchedKeyFailsExec() {
    redis.run("SET", "x", "foo");
    redis.run("WATCH", "x");
    redis.run("EXPIRE", "x", "10");
    redis.run("MULTI");
    redis.run("PING");
    assertEquals(NIL_ARRAY, redis.run("EXEC"));
  }

  @Test
  void deletingAMissingWatchedKeyChangesNothing() {
    redis.run("WATCH", "x");
    assertEquals(":0\r\n", redis.run("DEL", "x"));
    redis.run("MULTI");
    redis.run("PING");
    assertEquals("*1\r\n+PONG\r\n", redis.run("EXEC"));
  }

  @Test
  void aFailedWriteToTheWatchedKeyChangesNothing() {
    redis.run("SET", "x", "1");
    redis.run("WATCH", "x");
    redis.run("LPUSH", "x", "a");
    redis.run("MULTI");
    redis.run("PING");
    assertEquals("*1\r\n+PONG\r\n", redis.run("EXEC"));
  }

  @Test
  void readingTheWatchedKeyChangesNothing() {
    redis.run("SET", "x", "1");
    redis.run("WATCH", "x");
    redis.run("GET", "x");
    redis.run("MULTI");
    redis.run("PING");
    assertEquals("*1\r\n+PONG\r\n", redis.run("EXEC"));
  }

  @Test
  void aWriteToTheSameKeyInAnotherDatabaseChangesNothing() {
    redis.run("SELECT", "5");
    redis.run("SET", "x", "30");
    redis.run("WATCH", "x");
    redis.run("SELECT", "1");
    redis.run("SET", "x", "10");
    redis.run("SELECT", "5");
    redis.run("MULTI");
    redis.run("PING");
    assertEquals("*1\r\n+PONG\r\n", redis.run("EXEC"));
  }

  @Test
  void aWriteByAnotherClientsTransactionFailsExec() {
    final long watcher = redis.client;
    redis.run("SET", "x", "1");
    redis.run("WATCH", "x");
    redis.connect();
    redis.run("MULTI");
    redis.run("INCR", "x");
    assertEquals("*1\r\n:2\r\n", redis.run("EXEC"));
    redis.client = watcher;
    redis.run("MULTI");
    redis.run("GET", "x");
    assertEquals(NIL_ARRAY, redis.run("EXEC"));
  }

  @Test
  void writingAWatchedStaleKeyFailsExec() {
    redis.run("SET", "x", "foo", "PX", "1");
    redis.advance(2);
    redis.run("WATCH", "x");
    redis.run("SET", "x", "2");
    redis.run("MULTI");
    redis.run("PING");
    assertEquals(NIL_ARRAY, redis.run("EXEC"));
  }

  @Test
  void writingAWatchedStaleKeyAfterItsDeletionFailsExec() {
    redis.run("SET", "x", "foo", "PX", "1");
    redis.advance(2);
    redis.run("WATCH", "x");
    redis.run("EXISTS", "x");
    redis.run("SET", "x", "2");
    redis.run("MULTI");
    redis.run("PING");
    assertEquals(NIL_ARRAY, redis.run("EXEC"));
  }

  @Test
  void unwatchAfterAWriteLetsExecRun() {
    redis.run("SET", "x", "30");
    redis.run("WATCH", "x");
    redis.run("SET", "x", "40");
    redis.run("UNWATCH");
    redis.run("MULTI");
    redis.run("PING");
    assertEquals("*1\r\n+PONG\r\n", redis.run("EXEC"));
  }

  @Test
  void discardAfterAWriteClearsTheTouchedFlag() {
    redis.run("WATCH", "x");
    redis.run("SET", "x", "10");
    redis.run("MULTI");
    redis.run("DISCARD");
    redis.run("MULTI");
    redis.run("INCR", "x");
    assertEquals("*1\r\n:11\r\n", redis.run("EXEC"));
  }

  @Test
  void afterFailedExecALaterWriteChangesNothing() {
    redis.run("SET", "x", "30");
    redis.run("WATCH", "x");
    redis.run("SET", "x", "40");
    redis.run("MULTI");
    redis.run("PING");
    assertEquals(NIL_ARRAY, redis.run("EXEC"));
    redis.run("SET", "x", "40");
    redis.run("MULTI");
    redis.run("PING");
    assertEquals("*1\r\n+PONG\r\n", redis.run("EXEC"));
  }
}
