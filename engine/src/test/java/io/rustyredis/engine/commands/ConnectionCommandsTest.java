package io.rustyredis.engine.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rustyredis.engine.EngineHarness;
import org.junit.jupiter.api.Test;

/** Connection commands against the replies of real Redis 7.0.15. */
class ConnectionCommandsTest {
  private static final String WRONGPASS = "-WRONGPASS invalid username-password pair or user is disabled.\r\n";

  private final EngineHarness redis = new EngineHarness();

  private static String hello(final int protocol, final long id) {
    final String body = "$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n:" + protocol
        + "\r\n$2\r\nid\r\n:" + id + "\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n"
        + "$7\r\nmodules\r\n*0\r\n";
    return (protocol == 3 ? "%7\r\n" : "*14\r\n") + body;
  }

  private EngineHarness withPassword() {
    final EngineHarness secured = new EngineHarness();
    assertEquals("+OK\r\n", secured.run("CONFIG", "SET", "requirepass", "secret"));
    secured.connect();
    return secured;
  }

  @Test
  void pingRepliesPongOrEchoesItsArgument() {
    assertEquals("+PONG\r\n", redis.run("PING"));
    assertEquals("$1\r\na\r\n", redis.run("PING", "a"));
    assertEquals("-ERR wrong number of arguments for 'ping' command\r\n", redis.run("PING", "a", "b"));
    redis.run("HELLO", "3");
    assertEquals("+PONG\r\n", redis.run("PING"));
    assertEquals("$0\r\n\r\n", redis.run("PING", ""));
  }

  @Test
  void echoNeedsExactlyOneArgument() {
    assertEquals("$5\r\nhello\r\n", redis.run("ECHO", "hello"));
    assertEquals("-ERR wrong number of arguments for 'echo' command\r\n", redis.run("ECHO"));
    assertEquals("-ERR wrong number of arguments for 'echo' command\r\n", redis.run("ECHO", "a", "b"));
  }

  @Test
  void quitRepliesOkThenCloses() {
    assertEquals("+OK\r\n", redis.run("QUIT", "extra"));
    assertTrue(redis.lastEvent().closeAfterReply);
  }

  @Test
  void selectChecksTheIndex() {
    assertEquals("+OK\r\n", redis.run("SELECT", "15"));
    assertEquals("-ERR DB index is out of range\r\n", redis.run("SELECT", "16"));
    assertEquals("-ERR value is not an integer or out of range\r\n", redis.run("SELECT", "x"));
  }

  @Test
  void helloAnswersTheServerMapInEitherProtocol() {
    assertEquals(hello(2, redis.client), redis.run("HELLO"));
    assertEquals(hello(3, redis.client), redis.run("HELLO", "3"));
    assertEquals(hello(3, redis.client), redis.run("HELLO"));
    assertEquals(hello(2, redis.client), redis.run("HELLO", "2"));
  }

  @Test
  void helloRefusesOtherProtocolsAndBadOptions() {
    assertEquals("-NOPROTO unsupported protocol version\r\n", redis.run("HELLO", "4"));
    assertEquals("-NOPROTO unsupported protocol version\r\n", redis.run("HELLO", "1"));
    assertEquals("-NOPROTO unsupported protocol version\r\n", redis.run("HELLO", "-1"));
    assertEquals("-ERR Protocol version is not an integer or out of range\r\n", redis.run("HELLO", "x"));
    assertEquals("-ERR Syntax error in HELLO option 'FOO'\r\n", redis.run("HELLO", "3", "FOO"));
    assertEquals("-ERR Syntax error in HELLO option 'AUTH'\r\n", redis.run("HELLO", "3", "AUTH"));
    assertEquals("-ERR Syntax error in HELLO option 'SETNAME'\r\n", redis.run("HELLO", "2", "SETNAME"));
    assertEquals("-ERR Client names cannot contain spaces, newlines or special characters.\r\n",
        redis.run("HELLO", "3", "SETNAME", "a b"));
    assertEquals("$-1\r\n", redis.run("GET", "missing"), "a refused HELLO leaves the protocol alone");
  }

  @Test
  void helloSetsTheName() {
    assertEquals(hello(3, redis.client), redis.run("HELLO", "3", "SETNAME", "n1"));
    assertEquals("$2\r\nn1\r\n", redis.run("CLIENT", "GETNAME"));
  }

  @Test
  void helloWithoutPasswordConfiguredAcceptsAnyPasswordForDefault() {
    assertEquals(hello(3, redis.client), redis.run("HELLO", "3", "AUTH", "default", "x"));
    assertEquals(WRONGPASS, redis.run("HELLO", "3", "AUTH", "someone", "x"));
  }

  @Test
  void helloMustAuthenticateWhenAPasswordIsRequired() {
    final EngineHarness secured = withPassword();
    final String noauth = "-NOAUTH HELLO must be called with the client already authenticated, otherwise the "
        + "HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol "
        + "version at the same time\r\n";
    assertEquals(noauth, secured.run("HELLO", "3"));
    assertEquals(noauth, secured.run("HELLO"));
    assertEquals(WRONGPASS, secured.run("HELLO", "3", "AUTH", "default", "x"));
    assertEquals("-NOAUTH Authentication required.\r\n", secured.run("CLIENT", "ID"));
    assertEquals(hello(3, secured.client), secured.run("HELLO", "3", "AUTH", "default", "secret", "SETNAME", "x"));
    assertEquals("$1\r\nx\r\n", secured.run("CLIENT", "GETNAME"));
  }

  @Test
  void authWithoutConfiguredPasswordExplainsTheMistake() {
    assertEquals("-ERR AUTH <password> called without any password configured for the default user. "
        + "Are you sure your configuration is correct?\r\n", redis.run("AUTH", "x"));
    assertEquals(WRONGPASS, redis.run("AUTH", "a", "b"));
    assertEquals("+OK\r\n", redis.run("AUTH", "default", "anything"));
    assertEquals("-ERR syntax error\r\n", redis.run("AUTH", "a", "b", "c"));
    assertEquals("-ERR wrong number of arguments for 'auth' command\r\n", redis.run("AUTH"));
  }

  @Test
  void authChecksRequirepass() {
    final EngineHarness secured = withPassword();
    assertEquals("-NOAUTH Authentication required.\r\n", secured.run("PING"));
    assertEquals(WRONGPASS, secured.run("AUTH", "x"));
    assertEquals(WRONGPASS, secured.run("AUTH", "default", "x"));
    assertEquals(WRONGPASS, secured.run("AUTH", "other", "secret"));
    assertEquals("+OK\r\n", secured.run("AUTH", "secret"));
    assertEquals("+PONG\r\n", secured.run("PING"));
    assertEquals(WRONGPASS, secured.run("AUTH", "wrong"));
    assertEquals("+PONG\r\n", secured.run("PING"), "a failed AUTH keeps an earlier success");
    secured.connect();
    assertEquals("+OK\r\n", secured.run("AUTH", "default", "secret"));
  }

  @Test
  void clearingRequirepassLetsWaitingClientsIn() {
    final EngineHarness secured = withPassword();
    final long waiting = secured.client;
    secured.connect();
    assertEquals("+OK\r\n", secured.run("AUTH", "secret"));
    assertEquals("+OK\r\n", secured.run("CONFIG", "SET", "requirepass", ""));
    secured.client = waiting;
    assertEquals("+PONG\r\n", secured.run("PING"));
  }

  @Test
  void resetRestoresAFreshConnection() {
    redis.run("HELLO", "3", "SETNAME", "n1");
    redis.run("SELECT", "5");
    redis.run("CLIENT", "NO-EVICT", "on");
    assertEquals("+RESET\r\n", redis.run("RESET"));
    assertEquals("$-1\r\n", redis.run("CLIENT", "GETNAME"));
    assertEquals("+OK\r\n", redis.run("SET", "k", "v"));
    redis.run("SELECT", "0");
    assertEquals("$1\r\nv\r\n", redis.run("GET", "k"));
    assertTrue(redis.run("CLIENT", "INFO").contains(" flags=N db=0 "));
  }

  @Test
  void resetLogsOutWhenAPasswordIsRequired() {
    final EngineHarness secured = withPassword();
    secured.run("AUTH", "secret");
    assertEquals("+RESET\r\n", secured.run("RESET"));
    assertEquals("-NOAUTH Authentication required.\r\n", secured.run("PING"));
  }

  @Test
  void resetTurnsRepliesBackOn() {
    assertEquals("", redis.run("CLIENT", "REPLY", "OFF"));
    assertEquals("+RESET\r\n", redis.run("RESET"));
    assertEquals("+PONG\r\n", redis.run("PING"));
  }

  @Test
  void clientIdIsTheConnectionId() {
    assertEquals(":" + redis.client + "\r\n", redis.run("CLIENT", "ID"));
    assertEquals("-ERR wrong number of arguments for 'client|id' command\r\n", redis.run("CLIENT", "ID", "x"));
  }

  @Test
  void clientSetnameAndGetname() {
    assertEquals("$-1\r\n", redis.run("CLIENT", "GETNAME"));
    assertEquals("+OK\r\n", redis.run("CLIENT", "SETNAME", "foo"));
    assertEquals("$3\r\nfoo\r\n", redis.run("CLIENT", "GETNAME"));
    assertEquals("-ERR Client names cannot contain spaces, newlines or special characters.\r\n",
        redis.run("CLIENT", "SETNAME", "a b"));
    assertEquals("$3\r\nfoo\r\n", redis.run("CLIENT", "GETNAME"));
    assertEquals("+OK\r\n", redis.run("CLIENT", "SETNAME", ""));
    assertEquals("$-1\r\n", redis.run("CLIENT", "GETNAME"));
    assertEquals("-ERR wrong number of arguments for 'client|setname' command\r\n",
        redis.run("CLIENT", "SETNAME", "a", "b"));
  }

  @Test
  void clientContainerErrors() {
    assertEquals("-ERR wrong number of arguments for 'client' command\r\n", redis.run("CLIENT"));
    assertEquals("-ERR unknown subcommand 'FOO'. Try CLIENT HELP.\r\n", redis.run("CLIENT", "FOO"));
    assertEquals("-ERR wrong number of arguments for 'client|info' command\r\n", redis.run("CLIENT", "INFO", "x"));
  }

  @Test
  void clientSetinfoStoresLibraryNameAndVersion() {
    assertEquals("+OK\r\n", redis.run("CLIENT", "SETINFO", "LIB-NAME", "jedis"));
    assertEquals("+OK\r\n", redis.run("CLIENT", "SETINFO", "lib-ver", "5.1.0"));
    assertTrue(redis.run("CLIENT", "INFO").endsWith(" resp=2 lib-name=jedis lib-ver=5.1.0\n\r\n"));
    assertEquals("-ERR Unrecognized option 'foo'\r\n", redis.run("CLIENT", "SETINFO", "foo", "x"));
    assertEquals("-ERR lib-name cannot contain spaces, newlines or special characters.\r\n",
        redis.run("CLIENT", "SETINFO", "lib-name", "a b"));
    assertEquals("-ERR wrong number of arguments for 'client|setinfo' command\r\n",
        redis.run("CLIENT", "SETINFO", "lib-name"));
  }

  @Test
  void clientInfoDescribesTheCallerWithRedisFields() {
    redis.advance(5_000);
    final String line = "id=1 addr=127.0.0.1:40001 laddr=127.0.0.1:6379 fd=8 name= age=5 idle=0 flags=N db=0 "
        + "sub=0 psub=0 ssub=0 multi=-1 qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=1024 rbp=0 obl=0 oll=0 "
        + "omem=0 tot-mem=1024 events=r cmd=client|info user=default redir=-1 resp=2 lib-name= lib-ver=\n";
    assertEquals("$" + line.length() + "\r\n" + line + "\r\n", redis.run("CLIENT", "INFO"));
    redis.run("HELLO", "3");
    final String resp3 = line.replace("resp=2", "resp=3");
    assertEquals("=" + (resp3.length() + 4) + "\r\ntxt:" + resp3 + "\r\n", redis.run("CLIENT", "INFO"));
  }

  @Test
  void clientListShowsEveryConnectionAndFilters() {
    final long first = redis.client;
    redis.run("CLIENT", "SETNAME", "first");
    final long second = redis.connect();
    redis.advance(3_000);
    final String all = redis.run("CLIENT", "LIST");
    assertTrue(all.contains("id=" + first + " addr=127.0.0.1:40001 laddr=127.0.0.1:6379 fd=8 name=first age=3 idle=3 "));
    assertTrue(all.contains("\nid=" + second + " "));
    assertTrue(all.contains(" cmd=client|list "));
    assertEquals(all, redis.run("CLIENT", "LIST", "TYPE", "normal"));
    assertEquals("$0\r\n\r\n", redis.run("CLIENT", "LIST", "TYPE", "pubsub"));
    final String one = redis.run("CLIENT", "LIST", "ID", Long.toString(first), "999");
    assertTrue(one.contains("name=first") && !one.contains("id=" + second));
    assertEquals("-ERR Unknown client type 'foo'\r\n", redis.run("CLIENT", "LIST", "TYPE", "foo"));
    assertEquals("-ERR Invalid client ID\r\n", redis.run("CLIENT", "LIST", "ID", "x"));
    assertEquals("-ERR syntax error\r\n", redis.run("CLIENT", "LIST", "ID"));
    assertEquals("-ERR syntax error\r\n", redis.run("CLIENT", "LIST", "foo"));
  }

  @Test
  void clientKillOldFormByAddress() {
    final long victim = redis.client;
    redis.connect();
    assertEquals("-ERR No such client\r\n", redis.run("CLIENT", "KILL", "1.2.3.4:5"));
    assertEquals("+OK\r\n", redis.run("CLIENT", "KILL", "127.0.0.1:" + (40000 + victim)));
    assertEquals(victim, redis.lastEvent().killConnections.getLong(0));
    assertFalse(redis.lastEvent().closeAfterReply);
    assertEquals("-ERR No such client\r\n", redis.run("CLIENT", "KILL", "ID"));
  }

  @Test
  void clientKillOldFormMayKillTheCaller() {
    assertEquals("+OK\r\n", redis.run("CLIENT", "KILL", "127.0.0.1:" + (40000 + redis.client)));
    assertTrue(redis.lastEvent().closeAfterReply);
    assertTrue(redis.lastEvent().killConnections.isEmpty());
  }

  @Test
  void clientKillFiltersCountWhatTheyClose() {
    final long victim = redis.client;
    final long self = redis.connect();
    assertEquals(":0\r\n", redis.run("CLIENT", "KILL", "ID", "9999"));
    assertEquals(":0\r\n", redis.run("CLIENT", "KILL", "ID", Long.toString(self)), "SKIPME defaults to yes");
    assertEquals(":1\r\n", redis.run("CLIENT", "KILL", "ID", Long.toString(victim)));
    assertEquals(victim, redis.lastEvent().killConnections.getLong(0));
    assertEquals(":1\r\n", redis.run("CLIENT", "KILL", "USER", "default", "SKIPME", "yes"));
    assertEquals(":1\r\n", redis.run("CLIENT", "KILL", "LADDR", "127.0.0.1:6379", "ADDR", "127.0.0.1:" + (40000 + victim)));
    assertEquals(":2\r\n", redis.run("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "no"));
    assertTrue(redis.lastEvent().closeAfterReply);
    assertEquals(victim, redis.lastEvent().killConnections.getLong(0));
  }

  @Test
  void clientKillFilterErrors() {
    assertEquals("-ERR wrong number of arguments for 'client|kill' command\r\n", redis.run("CLIENT", "KILL"));
    assertEquals("-ERR client-id should be greater than 0\r\n", redis.run("CLIENT", "KILL", "ID", "x"));
    assertEquals("-ERR client-id should be greater than 0\r\n", redis.run("CLIENT", "KILL", "ID", "0"));
    assertEquals("-ERR syntax error\r\n", redis.run("CLIENT", "KILL", "foo", "bar"));
    assertEquals("-ERR syntax error\r\n", redis.run("CLIENT", "KILL", "ADDR", "1.2.3.4:5", "SKIPME", "maybe"));
    assertEquals("-ERR No such user 'nobody'\r\n", redis.run("CLIENT", "KILL", "USER", "nobody"));
    assertEquals("-ERR Unknown client type 'foo'\r\n", redis.run("CLIENT", "KILL", "TYPE", "foo"));
  }

  @Test
  void clientNoEvictTakesOnOrOff() {
    assertEquals("+OK\r\n", redis.run("CLIENT", "NO-EVICT", "on"));
    assertTrue(redis.run("CLIENT", "INFO").contains(" flags=e "));
    assertEquals("+OK\r\n", redis.run("CLIENT", "NO-EVICT", "OFF"));
    assertEquals("-ERR syntax error\r\n", redis.run("CLIENT", "NO-EVICT", "maybe"));
    assertEquals("-ERR wrong number of arguments for 'client|no-evict' command\r\n", redis.run("CLIENT", "NO-EVICT"));
  }

  @Test
  void clientReplyOffSilencesUntilOn() {
    assertEquals("", redis.run("CLIENT", "REPLY", "OFF"));
    assertEquals("", redis.run("PING"));
    assertEquals("", redis.run("CLIENT", "REPLY", "SKIP"), "SKIP while OFF stays OFF");
    assertEquals("", redis.run("PING"));
    assertEquals("+OK\r\n", redis.run("CLIENT", "REPLY", "ON"));
    assertEquals("+PONG\r\n", redis.run("PING"));
  }

  @Test
  void clientReplySkipDropsOnlyTheNextReply() {
    assertEquals("", redis.run("CLIENT", "REPLY", "SKIP"));
    assertEquals("", redis.run("PING"));
    assertEquals("+PONG\r\n", redis.run("PING"));
    assertEquals("-ERR syntax error\r\n", redis.run("CLIENT", "REPLY", "foo"));
    assertEquals("-ERR wrong number of arguments for 'client|reply' command\r\n", redis.run("CLIENT", "REPLY"));
  }

  @Test
  void trackingIsOffForEveryClient() {
    assertEquals(":-1\r\n", redis.run("CLIENT", "GETREDIR"));
    assertEquals("*6\r\n$5\r\nflags\r\n*1\r\n$3\r\noff\r\n$8\r\nredirect\r\n:-1\r\n$8\r\nprefixes\r\n*0\r\n",
        redis.run("CLIENT", "TRACKINGINFO"));
    assertEquals("-ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT "
        + "mode enabled\r\n", redis.run("CLIENT", "CACHING", "yes"));
    redis.run("HELLO", "3");
    assertEquals("%3\r\n$5\r\nflags\r\n~1\r\n$3\r\noff\r\n$8\r\nredirect\r\n:-1\r\n$8\r\nprefixes\r\n*0\r\n",
        redis.run("CLIENT", "TRACKINGINFO"));
  }

  @Test
  void clientUnpauseWithNothingPausedIsOk() {
    assertEquals("+OK\r\n", redis.run("CLIENT", "UNPAUSE"));
  }

  @Test
  void clientHelpListsTheSubcommands() {
    final String help = redis.run("CLIENT", "HELP");
    assertTrue(help.startsWith("*52\r\n+CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n"
        + "+CACHING (YES|NO)\r\n+    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.\r\n"));
    assertTrue(help.endsWith("+HELP\r\n+    Prints this help.\r\n"));
  }
}
