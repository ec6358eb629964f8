package io.rustyredis.engine.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rustyredis.engine.EngineHarness;
import io.rustyredis.engine.keyspace.Database;
import io.rustyredis.engine.memory.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Server commands against the replies of real Redis 7.0.15. */
class ServerCommandsTest {
  private final EngineHarness redis = new EngineHarness();

  /** Gives a key of db 0 a deadline, as EXPIRE would (the string family owns SET's EX option). */
  private void expireIn(final String key, final long millis) {
    final Database db = redis.engine().keyspace().database(0);
    final byte[] name = key.getBytes(StandardCharsets.UTF_8);
    db.expireAt(db.find(name, Bytes.ARRAY_BASE, name.length), redis.time() + millis);
  }

  /** The section headers of an INFO reply, in order. */
  private static List<String> headers(final String info) {
    final List<String> headers = new ArrayList<>();
    for (final String line : info.split("\r\n")) {
      if (line.startsWith("# ")) {
        headers.add(line.substring(2));
      }
    }
    return headers;
  }

  @Test
  void timeSplitsTheEventClockIntoSecondsAndMicroseconds() {
    redis.time(1_700_000_000_123L);
    assertEquals("*2\r\n$10\r\n1700000000\r\n$6\r\n123000\r\n", redis.run("TIME"));
    redis.time(1_700_000_001_005L);
    assertEquals("*2\r\n$10\r\n1700000001\r\n$4\r\n5000\r\n", redis.run("TIME"));
    assertEquals("-ERR wrong number of arguments for 'time' command\r\n", redis.run("TIME", "x"));
  }

  @Test
  void lastsaveIsTheStartupTimeUntilSomethingIsSaved() {
    assertEquals(":0\r\n", redis.run("LASTSAVE"));
  }

  @Test
  void dbsizeCountsTheSelectedDatabase() {
    redis.run("SET", "a", "1");
    redis.run("SET", "b", "1");
    assertEquals(":2\r\n", redis.run("DBSIZE"));
    redis.run("SELECT", "1");
    assertEquals(":0\r\n", redis.run("DBSIZE"));
  }

  @Test
  void shutdownStopsTheServerWithoutReply() {
    assertEquals("", redis.run("SHUTDOWN", "NOSAVE", "NOW", "FORCE"));
    assertTrue(redis.lastEvent().shutdown);
    assertTrue(redis.lastEvent().closeAfterReply);
  }

  @Test
  void shutdownRejectsBadFlagCombinations() {
    assertEquals("-ERR syntax error\r\n", redis.run("SHUTDOWN", "foo"));
    assertFalse(redis.lastEvent().shutdown);
    assertEquals("-ERR syntax error\r\n", redis.run("SHUTDOWN", "NOSAVE", "SAVE"));
    assertEquals("-ERR syntax error\r\n", redis.run("SHUTDOWN", "NOW", "FORCE", "ABORT"));
    assertEquals("-ERR No shutdown in progress.\r\n", redis.run("SHUTDOWN", "ABORT"));
    assertFalse(redis.lastEvent().shutdown);
  }

  @Test
  void infoDefaultHasRedisSectionsInOrder() {
    final String info = redis.run("INFO");
    assertTrue(info.startsWith("$"));
    assertEquals(List.of("Server", "Clients", "Memory", "Persistence", "Stats", "Replication", "CPU", "Modules",
        "Errorstats", "Cluster", "Keyspace"), headers(info));
    assertTrue(info.contains("\r\n# Server\r\nredis_version:7.0.15\r\nredis_git_sha1:00000000\r\n"));
    assertTrue(info.contains("\r\nredis_mode:standalone\r\n"));
    assertTrue(info.contains("\r\nprocess_id:1\r\n"));
    assertTrue(info.contains("\r\ntcp_port:6379\r\n"));
    assertTrue(info.contains("\r\nrusty_redis_version:0.1.0\r\n"));
    assertTrue(info.contains("\r\nconnected_clients:1\r\n"));
    assertTrue(info.contains("\r\nmaxmemory_policy:noeviction\r\n"));
    assertTrue(info.contains("\r\nrole:master\r\n"));
    assertTrue(info.contains("\r\n\r\n# Cluster\r\ncluster_enabled:0\r\n\r\n# Keyspace\r\n"));
    assertEquals(headers(info), headers(redis.run("INFO", "default")));
  }

  @Test
  void infoAllAddsCommandstatsAndLatencystats() {
    final List<String> all = headers(redis.run("INFO", "all"));
    assertEquals(List.of("Server", "Clients", "Memory", "Persistence", "Stats", "Replication", "CPU", "Modules",
        "Commandstats", "Errorstats", "Latencystats", "Cluster", "Keyspace"), all);
    assertEquals(all, headers(redis.run("INFO", "everything")));
  }

  @Test
  void infoSectionsComeInRedisOrderWhateverTheRequest() {
    redis.run("SET", "a", "1");
    final String info = redis.run("INFO", "keyspace", "SERVER");
    assertEquals(List.of("Server", "Keyspace"), headers(info));
    assertTrue(info.endsWith("\r\n\r\n# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0\r\n\r\n"));
  }

  @Test
  void infoKeyspaceListsNonEmptyDatabases() {
    redis.run("SET", "a", "1");
    redis.run("SET", "b", "1");
    expireIn("b", 100_000);
    redis.run("SELECT", "3");
    redis.run("SET", "c", "1");
    final String body = "# Keyspace\r\ndb0:keys=2,expires=1,avg_ttl=0\r\ndb3:keys=1,expires=0,avg_ttl=0\r\n";
    assertEquals("$" + body.length() + "\r\n" + body + "\r\n", redis.run("INFO", "keyspace"));
    redis.run("HELLO", "3");
    assertEquals("=" + (body.length() + 4) + "\r\ntxt:" + body + "\r\n", redis.run("INFO", "keyspace"));
  }

  @Test
  void infoOfUnknownSectionsIsEmpty() {
    assertEquals("$0\r\n\r\n", redis.run("INFO", "nosuch"));
    redis.run("HELLO", "3");
    assertEquals("=4\r\ntxt:\r\n", redis.run("INFO", "a", "b", "c", "d", "e"));
  }

  @Test
  void infoStatsCountCommandsConnectionsAndExpiredKeys() {
    redis.run("SET", "k", "v");
    expireIn("k", 10);
    redis.advance(20);
    redis.run("GET", "k");
    final String stats = redis.run("INFO", "stats");
    assertTrue(stats.contains("\r\ntotal_connections_received:1\r\n"));
    assertTrue(stats.contains("\r\ntotal_commands_processed:2\r\n"));
    assertTrue(stats.contains("\r\nexpired_keys:1\r\n"));
    assertEquals("+OK\r\n", redis.run("CONFIG", "RESETSTAT"));
    final String reset = redis.run("INFO", "stats");
    assertTrue(reset.contains("\r\ntotal_connections_received:0\r\n"));
    assertTrue(reset.contains("\r\ntotal_commands_processed:1\r\n"), "RESETSTAT itself counts, as in Redis");
    assertTrue(reset.contains("\r\nexpired_keys:0\r\n"));
  }

  @Test
  void infoCommandstatsUsesFullNames() {
    redis.run("PING");
    redis.run("PING");
    redis.run("CONFIG", "GET", "hz");
    redis.run("GET");
    final String stats = redis.run("INFO", "commandstats");
    assertTrue(stats.contains("\r\ncmdstat_ping:calls=2,usec=0,usec_per_call=0.00,rejected_calls=0,failed_calls=0\r\n"));
    assertTrue(stats.contains("\r\ncmdstat_config|get:calls=1,usec=0,usec_per_call=0.00,rejected_calls=0,failed_calls=0\r\n"));
    assertTrue(stats.contains("\r\ncmdstat_get:calls=0,usec=0,usec_per_call=0.00,rejected_calls=1,failed_calls=0\r\n"));
    assertFalse(stats.contains("cmdstat_set:"));
  }

  @Test
  void errorRepliesAreCountedByCodeAndByCommand() {
    redis.run("CONFIG", "RESETSTAT");
    redis.run("GET");
    redis.run("AUTH", "a", "b");
    redis.run("CONFIG", "SET", "hz", "abc");
    redis.run("NOSUCH");
    final String body = "# Errorstats\r\nerrorstat_ERR:count=3\r\nerrorstat_WRONGPASS:count=1\r\n";
    assertEquals("$" + body.length() + "\r\n" + body + "\r\n", redis.run("INFO", "errorstats"));
    final String commands = redis.run("INFO", "commandstats");
    assertTrue(commands.contains("\r\ncmdstat_config|set:calls=1,usec=0,usec_per_call=0.00,rejected_calls=0,failed_calls=1\r\n"));
    assertTrue(commands.contains("\r\ncmdstat_get:calls=0,usec=0,usec_per_call=0.00,rejected_calls=1,failed_calls=0\r\n"));
    assertTrue(commands.contains("\r\ncmdstat_auth:calls=1,usec=0,usec_per_call=0.00,rejected_calls=0,failed_calls=1\r\n"));
    assertTrue(redis.run("INFO", "stats").contains("\r\ntotal_error_replies:4\r\n"));
  }

  @Test
  void infoPersistenceListsTheAofSizesAfterTheForkFieldsAsRedis() {
    redis.config().set("appendonly", "yes");
    final String persistence = redis.run("INFO", "persistence");
    assertTrue(persistence.contains("\r\naof_last_cow_size:0\r\nmodule_fork_in_progress:0\r\n"
        + "module_fork_last_cow_size:0\r\naof_current_size:"), persistence);
  }

  @Test
  void infoMemoryReportsTheAllocatorAndMaxmemory() {
    redis.run("CONFIG", "SET", "maxmemory", "1mb");
    final long used = redis.engine().keyspace().allocator().usedBytes();
    final String memory = redis.run("INFO", "memory");
    assertTrue(memory.contains("\r\nused_memory:" + used + "\r\n"));
    assertTrue(memory.contains("\r\nmaxmemory:1048576\r\nmaxmemory_human:1.00M\r\n"));
  }

  @Test
  void humanSizesFollowRedis() {
    assertEquals("0B", ServerCommands.human(0));
    assertEquals("1023B", ServerCommands.human(1023));
    assertEquals("1018.97K", ServerCommands.human(1043424));
    assertEquals("1.33M", ServerCommands.human(1392392));
    assertEquals("23.54G", ServerCommands.human(25276514304L));
  }

  @Test
  void configGetAnswersTheNamesClientsAskForAtStartup() {
    assertEquals("*2\r\n$4\r\nsave\r\n$0\r\n\r\n", redis.run("CONFIG", "GET", "save"));
    assertEquals("*2\r\n$10\r\nappendonly\r\n$2\r\nno\r\n", redis.run("CONFIG", "GET", "appendonly"));
    assertEquals("*2\r\n$9\r\nMAXMEMORY\r\n$1\r\n0\r\n", redis.run("CONFIG", "GET", "MAXMEMORY"));
    assertEquals("*2\r\n$2\r\nhz\r\n$2\r\n10\r\n", redis.run("CONFIG", "GET", "hz", "hz", "HZ"));
    assertEquals("*0\r\n", redis.run("CONFIG", "GET", "nosuch"));
    assertEquals("-ERR wrong number of arguments for 'config|get' command\r\n", redis.run("CONFIG", "GET"));
  }

  @Test
  void configGetMatchesGlobsAndRepliesAMapInResp3() {
    redis.run("HELLO", "3");
    assertEquals("%4\r\n$2\r\nhz\r\n$2\r\n10\r\n$9\r\nmaxmemory\r\n$1\r\n0\r\n$16\r\nmaxmemory-policy\r\n"
        + "$10\r\nnoeviction\r\n$17\r\nmaxmemory-samples\r\n$1\r\n5\r\n", redis.run("CONFIG", "GET", "hz", "MAXMEMORY*"));
    assertEquals("%1\r\n$11\r\nappendfsync\r\n$8\r\neverysec\r\n", redis.run("CONFIG", "GET", "append[f]sync"));
    assertEquals("%1\r\n$4\r\nport\r\n$4\r\n6379\r\n", redis.run("CONFIG", "GET", "p?rt"));
  }

  @Test
  void configSetChangesSeveralParameters() {
    assertEquals("+OK\r\n", redis.run("CONFIG", "SET", "maxmemory", "1mb", "Hz", "20"));
    assertEquals("*2\r\n$9\r\nmaxmemory\r\n$7\r\n1048576\r\n", redis.run("CONFIG", "GET", "maxmemory"));
    assertEquals("*2\r\n$2\r\nhz\r\n$2\r\n20\r\n", redis.run("CONFIG", "GET", "hz"));
    assertEquals("+OK\r\n", redis.run("CONFIG", "SET", "loglevel", "VERBOSE"));
    assertEquals("*2\r\n$8\r\nloglevel\r\n$7\r\nverbose\r\n", redis.run("CONFIG", "GET", "loglevel"));
  }

  @Test
  void configSetIsAllOrNothing() {
    assertEquals("-ERR CONFIG SET failed (possibly related to argument 'maxmemory-policy') - argument(s) must be one "
        + "of the following: volatile-lru, volatile-lfu, volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, "
        + "allkeys-random, noeviction\r\n", redis.run("CONFIG", "SET", "hz", "30", "maxmemory-policy", "bad"));
    assertEquals("*2\r\n$2\r\nhz\r\n$2\r\n10\r\n", redis.run("CONFIG", "GET", "hz"));
  }

  @Test
  void configSetNamesTheArgumentItRefused() {
    assertEquals("-ERR wrong number of arguments for 'config|set' command\r\n", redis.run("CONFIG", "SET", "hz"));
    assertEquals("-ERR syntax error\r\n", redis.run("CONFIG", "SET", "hz", "5", "maxmemory"));
    assertEquals("-ERR Unknown option or number of arguments for CONFIG SET - 'nosuch'\r\n",
        redis.run("CONFIG", "SET", "hz", "5", "nosuch", "1"));
    assertEquals("-ERR CONFIG SET failed (possibly related to argument 'databases') - can't set immutable config\r\n",
        redis.run("CONFIG", "SET", "hz", "10", "databases", "5", "nosuch", "1"));
    assertEquals("-ERR CONFIG SET failed (possibly related to argument 'hz') - duplicate parameter\r\n",
        redis.run("CONFIG", "SET", "hz", "20", "hz", "30"));
    assertEquals("-ERR CONFIG SET failed (possibly related to argument 'hz') - argument couldn't be parsed into an "
        + "integer\r\n", redis.run("CONFIG", "SET", "hz", "abc"));
    assertEquals("-ERR CONFIG SET failed (possibly related to argument 'hz') - argument must be between 0 and "
        + "2147483647 inclusive\r\n", redis.run("CONFIG", "SET", "hz", "-1"));
    assertEquals("-ERR CONFIG SET failed (possibly related to argument 'appendonly') - argument must be 'yes' or "
        + "'no'\r\n", redis.run("CONFIG", "SET", "appendonly", "maybe"));
    assertEquals("-ERR CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a memory "
        + "value\r\n", redis.run("CONFIG", "SET", "maxmemory", "1x"));
    assertEquals("-ERR CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a memory "
        + "value\r\n", redis.run("CONFIG", "SET", "maxmemory", "-1"));
    assertEquals("-ERR CONFIG SET failed (possibly related to argument 'maxclients') - argument must be between 1 "
        + "and 4294967295 inclusive\r\n", redis.run("CONFIG", "SET", "maxclients", "0"));
    assertEquals("-ERR CONFIG SET failed (possibly related to argument 'appendfsync') - argument(s) must be one of "
        + "the following: everysec, always, no\r\n", redis.run("CONFIG", "SET", "appendfsync", "bad"));
    assertEquals("-ERR CONFIG SET failed (possibly related to argument 'save') - Invalid save parameters\r\n",
        redis.run("CONFIG", "SET", "save", "100"));
    assertEquals("-ERR CONFIG SET failed (possibly related to argument 'save') - Invalid save parameters\r\n",
        redis.run("CONFIG", "SET", "save", "100 x"));
  }

  @Test
  void configHelpAndUnknownSubcommand() {
    assertTrue(redis.run("CONFIG", "HELP").startsWith(
        "*11\r\n+CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n+GET <pattern>\r\n"
        + "+    Return parameters matching the glob-like <pattern> and their values.\r\n"));
    assertEquals("-ERR unknown subcommand 'foo'. Try CONFIG HELP.\r\n", redis.run("CONFIG", "foo"));
  }

  @Test
  void commandInfoHasRedis7Shape() {
    redis.run("HELLO", "3");
    assertEquals("*2\r\n*10\r\n$4\r\nping\r\n:-1\r\n~1\r\n+fast\r\n:0\r\n:0\r\n:0\r\n~2\r\n+@fast\r\n+@connection\r\n"
        + "~2\r\n$25\r\nrequest_policy:all_shards\r\n$29\r\nresponse_policy:all_succeeded\r\n~0\r\n~0\r\n"
        + "*10\r\n$10\r\nconfig|get\r\n:-3\r\n~4\r\n+admin\r\n+noscript\r\n+loading\r\n+stale\r\n:0\r\n:0\r\n:0\r\n"
        + "~3\r\n+@admin\r\n+@slow\r\n+@dangerous\r\n~0\r\n~0\r\n~0\r\n", redis.run("COMMAND", "INFO", "ping", "config|get"));
  }

  @Test
  void commandInfoInResp2AndForUnknownNames() {
    assertEquals("*2\r\n$-1\r\n*10\r\n$4\r\ntime\r\n:1\r\n*3\r\n+loading\r\n+stale\r\n+fast\r\n:0\r\n:0\r\n:0\r\n"
        + "*1\r\n+@fast\r\n*1\r\n$23\r\nnondeterministic_output\r\n*0\r\n*0\r\n", redis.run("COMMAND", "INFO", "nosuch", "TIME"));
  }

  @Test
  void commandInfoNestsSubcommands() {
    final String info = redis.run("COMMAND", "INFO", "config");
    assertTrue(info.startsWith("*1\r\n*10\r\n$6\r\nconfig\r\n:-2\r\n*0\r\n:0\r\n:0\r\n:0\r\n*1\r\n+@slow\r\n*0\r\n*0\r\n*5\r\n"
        + "*10\r\n$16\r\nconfig|resetstat\r\n"));
  }

  @Test
  void commandWithoutSubcommandListsEveryCommand() {
    final int count = redis.engine().table().all().size();
    assertEquals(":" + count + "\r\n", redis.run("COMMAND", "COUNT"));
    assertTrue(redis.run("COMMAND").startsWith("*" + count + "\r\n*10\r\n"));
    assertTrue(redis.run("COMMAND", "INFO").startsWith("*" + count + "\r\n*10\r\n"));
  }

  @Test
  void commandDocsGivesSummarySinceGroupComplexity() {
    assertEquals("*4\r\n$16\r\nconfig|resetstat\r\n*8\r\n$7\r\nsummary\r\n$32\r\nReset the stats returned by INFO\r\n"
        + "$5\r\nsince\r\n$5\r\n2.0.0\r\n$5\r\ngroup\r\n$6\r\nserver\r\n$10\r\ncomplexity\r\n$4\r\nO(1)\r\n"
        + "$4\r\ntime\r\n*8\r\n$7\r\nsummary\r\n$30\r\nReturn the current server time\r\n$5\r\nsince\r\n$5\r\n2.6.0\r\n"
        + "$5\r\ngroup\r\n$6\r\nserver\r\n$10\r\ncomplexity\r\n$4\r\nO(1)\r\n",
        redis.run("COMMAND", "DOCS", "config|resetstat", "time"));
    redis.run("HELLO", "3");
    assertEquals("%0\r\n", redis.run("COMMAND", "DOCS", "nosuch"));
    assertTrue(redis.run("COMMAND", "DOCS", "config").startsWith("%1\r\n$6\r\nconfig\r\n%5\r\n$7\r\nsummary\r\n"
        + "$45\r\nA container for server configuration commands\r\n"));
  }

  @Test
  void commandListFilters() {
    assertEquals("*1\r\n$10\r\nconfig|get\r\n", redis.run("COMMAND", "LIST", "FILTERBY", "PATTERN", "CONFIG|G*"));
    assertTrue(redis.run("COMMAND", "LIST", "FILTERBY", "ACLCAT", "connection").contains("\r\n$4\r\nping\r\n"));
    assertEquals("*0\r\n", redis.run("COMMAND", "LIST", "FILTERBY", "ACLCAT", "nosuch"));
    assertEquals("*0\r\n", redis.run("COMMAND", "LIST", "FILTERBY", "MODULE", "x"));
    assertEquals("-ERR syntax error\r\n", redis.run("COMMAND", "LIST", "FILTERBY"));
    assertEquals("-ERR syntax error\r\n", redis.run("COMMAND", "LIST", "FILTERBY", "foo", "x"));
    assertEquals("-ERR syntax error\r\n", redis.run("COMMAND", "LIST", "foo"));
    assertTrue(redis.run("COMMAND", "LIST").contains("\r\n$6\r\nconfig\r\n$16\r\nconfig|resetstat\r\n"));
  }

  @Test
  void commandGetkeysUsesKeyPositions() {
    assertEquals("*1\r\n$1\r\na\r\n", redis.run("COMMAND", "GETKEYS", "get", "a"));
    assertEquals("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n", redis.run("COMMAND", "GETKEYS", "del", "a", "b", "c"));
    assertEquals("-ERR Invalid command specified\r\n", redis.run("COMMAND", "GETKEYS", "nosuch", "a"));
    assertEquals("-ERR Invalid number of arguments specified for command\r\n", redis.run("COMMAND", "GETKEYS", "get", "a", "b"));
    assertEquals("-ERR Invalid number of arguments specified for command\r\n", redis.run("COMMAND", "GETKEYS", "SET", "a"));
    assertEquals("-ERR The command has no key arguments\r\n", redis.run("COMMAND", "GETKEYS", "ping", "a"));
    assertEquals("-ERR The command has no key arguments\r\n", redis.run("COMMAND", "GETKEYS", "config", "get", "x"));
    assertEquals("-ERR Invalid command specified\r\n", redis.run("COMMAND", "GETKEYS", "config", "nosub", "x"));
    assertEquals("-ERR wrong number of arguments for 'command|getkeys' command\r\n", redis.run("COMMAND", "GETKEYS", "get"));
  }

  @Test
  void commandHelpIsRedisText() {
    assertTrue(redis.run("COMMAND", "HELP").startsWith("*19\r\n+COMMAND <subcommand> [<arg> [value] [opt] ...]. "
        + "Subcommands are:\r\n+(no subcommand)\r\n+    Return details about all Redis commands.\r\n"));
  }
}
