package io.rustyredis.engine.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rustyredis.engine.EngineHarness;
import org.junit.jupiter.api.Test;

/** ACL users, rules and the permission check, against replies taken from Redis 7.0.15. */
class AclTest {
  private static final String NOPERM_KEY =
      "-NOPERM this user has no permissions to access one of the keys used as arguments\r\n";

  private static String bulk(final String s) {
    return "$" + s.length() + "\r\n" + s + "\r\n";
  }

  private static EngineHarness withDave() {
    final EngineHarness h = new EngineHarness();
    assertEquals("+OK\r\n", h.run("ACL", "SETUSER", "dave", "on", "nopass", "-@all", "+set", "+get",
        "+config", "-config|set", "+object", "~d*", "%R~r*", "%W~w*", "&d*", "+mget", "+del"));
    h.connect();
    assertEquals("+OK\r\n", h.run("AUTH", "dave", "x"));
    return h;
  }

  @Test
  void defaultUserIsListedWithEveryPermission() {
    final EngineHarness h = new EngineHarness();
    assertEquals("*1\r\n" + bulk("user default on nopass ~* &* +@all"), h.run("ACL", "LIST"));
    assertEquals(bulk("default"), h.run("ACL", "WHOAMI"));
    assertEquals("*1\r\n" + bulk("default"), h.run("ACL", "USERS"));
  }

  @Test
  void setuserBuildsTheRulesAsAclListShowsThem() {
    final EngineHarness h = new EngineHarness();
    assertEquals("+OK\r\n", h.run("ACL", "SETUSER", "alice", "on", ">p1", "+get", "~k*", "&ch*", "+@hash", "-hset",
        "+get", "%R~r*", "+client|id"));
    assertEquals("*2\r\n" + bulk("user alice on #f64551fcd6f07823cb87971cfb91446425da18286b3ab1ef935e0cbd7a69f68a ~k* %R~r* "
        + "resetchannels &ch* -@all +@hash -hset +get +client|id")
        + bulk("user default on nopass ~* &* +@all"), h.run("ACL", "LIST"));
    assertEquals("+OK\r\n", h.run("ACL", "SETUSER", "bob"));
    assertEquals("*12\r\n" + bulk("flags") + "*1\r\n" + bulk("off") + bulk("passwords") + "*0\r\n"
        + bulk("commands") + bulk("-@all") + bulk("keys") + "$0\r\n\r\n" + bulk("channels") + "$0\r\n\r\n"
        + bulk("selectors") + "*0\r\n", h.run("ACL", "GETUSER", "bob"));
    assertEquals("$-1\r\n", h.run("ACL", "GETUSER", "nobody"));
  }

  @Test
  void resetAndPasswordRulesMatchRedis() {
    final EngineHarness h = new EngineHarness();
    h.run("ACL", "SETUSER", "h", "on", ">x", "+@all", "~*", "&*");
    h.run("ACL", "SETUSER", "h", "nopass");
    assertTrue(h.run("ACL", "LIST").contains("user h on nopass ~* &* +@all"));
    h.run("ACL", "SETUSER", "h", "resetpass");
    assertTrue(h.run("ACL", "LIST").contains("user h on ~* &* +@all"));
    h.run("ACL", "SETUSER", "h", ">x", "reset");
    assertTrue(h.run("ACL", "LIST").contains("user h off sanitize-payload resetchannels -@all"));
    h.run("ACL", "SETUSER", "h", "%RW~x", "%R~y", "~z");
    assertTrue(h.run("ACL", "LIST").contains("user h off sanitize-payload ~x %R~y ~z resetchannels -@all"));
  }

  @Test
  void setuserErrorsAreRedisWords() {
    final EngineHarness h = new EngineHarness();
    assertEquals("-ERR Error in ACL SETUSER modifier 'foo': Syntax error\r\n", h.run("ACL", "SETUSER", "x", "foo"));
    assertEquals("-ERR Error in ACL SETUSER modifier '+nope': Unknown command or category name in ACL\r\n",
        h.run("ACL", "SETUSER", "x", "+nope"));
    assertEquals("-ERR Error in ACL SETUSER modifier '+get|x|y': Unknown command or category name in ACL\r\n",
        h.run("ACL", "SETUSER", "x", "+get|x|y"));
    assertEquals("-ERR Error in ACL SETUSER modifier '#abc': The password hash must be exactly 64 characters and "
        + "contain only lowercase hexadecimal characters\r\n", h.run("ACL", "SETUSER", "x", "#abc"));
    assertEquals("-ERR Error in ACL SETUSER modifier '<nope': The password you are trying to remove from the user "
        + "does not exist\r\n", h.run("ACL", "SETUSER", "x", "<nope"));
    assertEquals("-ERR Error in ACL SETUSER modifier '%X~x': Syntax error\r\n", h.run("ACL", "SETUSER", "x", "%X~x"));
    assertEquals("-ERR Error in ACL SETUSER modifier '~a': Adding a pattern after the * pattern (or the 'allkeys' "
        + "flag) is not valid and does not have any effect. Try 'resetkeys' to start with an empty list of patterns\r\n",
        h.run("ACL", "SETUSER", "z", "~*", "~a"));
    assertEquals("-ERR Usernames can't contain spaces or null characters\r\n", h.run("ACL", "SETUSER", "a b"));
    assertEquals("-ERR Unknown category 'nope'\r\n", h.run("ACL", "CAT", "nope"));
    assertEquals("-ERR The 'default' user cannot be removed\r\n", h.run("ACL", "DELUSER", "default"));
    assertEquals("-ERR value is not an integer or out of range\r\n", h.run("ACL", "GENPASS", "x"));
    assertEquals("-ERR ACL GENPASS argument must be the number of bits for the output password, a positive number "
        + "up to 4096\r\n", h.run("ACL", "GENPASS", "0"));
    assertTrue(h.run("ACL", "LOAD").startsWith("-ERR This Redis instance is not configured to use an ACL file."));
  }

  @Test
  void commandKeyAndChannelPermissionsAreChecked() {
    final EngineHarness h = withDave();
    assertEquals("-NOPERM this user has no permissions to run the 'hset' command\r\n", h.run("HSET", "d", "a", "b"));
    assertEquals(NOPERM_KEY, h.run("GET", "x"));
    assertEquals("$-1\r\n", h.run("GET", "d1"));
    assertEquals("-NOPERM this user has no permissions to run the 'config|set' command\r\n",
        h.run("CONFIG", "SET", "a", "b"));
    assertEquals("*2\r\n" + bulk("maxmemory") + bulk("0"), h.run("CONFIG", "GET", "maxmemory"));
    assertEquals(NOPERM_KEY, h.run("SET", "r1", "x"));
    assertEquals("$-1\r\n", h.run("GET", "r1"));
    assertEquals(NOPERM_KEY, h.run("GET", "w1"));
    assertEquals("+OK\r\n", h.run("SET", "w1", "x"));
    assertEquals(NOPERM_KEY, h.run("MGET", "d1", "x"));
    assertEquals("*2\r\n$-1\r\n$-1\r\n", h.run("MGET", "d1", "d2"));
    assertEquals(NOPERM_KEY, h.run("DEL", "d1", "r1"));
    assertEquals("-NOPERM this user has no permissions to run the 'acl|whoami' command\r\n", h.run("ACL", "WHOAMI"));
  }

  @Test
  void refusalsAndFailedLoginsAreLogged() {
    final EngineHarness h = withDave();
    h.run("MGET", "x");
    h.run("MGET", "x");
    h.run("AUTH", "nobody", "x");
    h.connect();
    final String log = h.run("ACL", "LOG");
    assertTrue(log.startsWith("*2\r\n*14\r\n" + bulk("count") + ":1\r\n" + bulk("reason") + bulk("auth")
        + bulk("context") + bulk("toplevel") + bulk("object") + bulk("auth") + bulk("username") + bulk("nobody")
        + bulk("age-seconds")), log);
    assertTrue(log.contains("*14\r\n" + bulk("count") + ":2\r\n" + bulk("reason") + bulk("key")
        + bulk("context") + bulk("toplevel") + bulk("object") + bulk("x") + bulk("username") + bulk("dave")), log);
    assertTrue(log.contains(" cmd=auth user=dave "), log);
    assertEquals("*0\r\n", h.run("ACL", "LOG", "-1"));
    assertEquals("*0\r\n", h.run("ACL", "LOG", "0"));
    h.run("ACL", "SETUSER", "alice", "on", ">p1");
    assertEquals("-WRONGPASS invalid username-password pair or user is disabled.\r\n",
        h.run("HELLO", "3", "AUTH", "alice", "wrong"));
    assertTrue(h.run("ACL", "LOG", "1").contains(bulk("object") + bulk("hello") + bulk("username") + bulk("alice")));
    assertEquals("+OK\r\n", h.run("ACL", "LOG", "RESET"));
    assertEquals("*0\r\n", h.run("ACL", "LOG"));
  }

  @Test
  void dryrunAnswersWithoutRunning() {
    final EngineHarness h = withDave();
    h.connect();
    assertEquals(bulk("This user has no permissions to run the 'hset' command"),
        h.run("ACL", "DRYRUN", "dave", "hset", "d", "a", "b"));
    assertEquals(bulk("This user has no permissions to access the 'x' key"), h.run("ACL", "DRYRUN", "dave", "get", "x"));
    assertEquals("+OK\r\n", h.run("ACL", "DRYRUN", "dave", "get", "d1"));
    assertEquals("-ERR wrong number of arguments for 'get' command\r\n", h.run("ACL", "DRYRUN", "dave", "get"));
    assertEquals("-ERR User 'nobody' not found\r\n", h.run("ACL", "DRYRUN", "nobody", "get", "x"));
    assertEquals("-ERR Command 'nocmd' not found\r\n", h.run("ACL", "DRYRUN", "dave", "nocmd"));
  }

  @Test
  void requirepassIsTheDefaultUsersPassword() {
    final EngineHarness h = new EngineHarness();
    assertEquals("-ERR AUTH <password> called without any password configured for the default user. Are you sure "
        + "your configuration is correct?\r\n", h.run("AUTH", "a"));
    h.run("CONFIG", "SET", "requirepass", "secret");
    h.connect();
    assertEquals("-NOAUTH Authentication required.\r\n", h.run("GET", "k"));
    assertEquals("-WRONGPASS invalid username-password pair or user is disabled.\r\n", h.run("AUTH", "wrong"));
    assertEquals("+OK\r\n", h.run("AUTH", "default", "secret"));
    assertEquals("$-1\r\n", h.run("GET", "k"));
  }

  @Test
  void disabledUsersCannotLogIn() {
    final EngineHarness h = new EngineHarness();
    h.run("ACL", "SETUSER", "eve", "off", ">pw", "+@all", "~*");
    assertEquals("-WRONGPASS invalid username-password pair or user is disabled.\r\n", h.run("AUTH", "eve", "pw"));
    h.run("ACL", "SETUSER", "eve", "on");
    assertEquals("+OK\r\n", h.run("AUTH", "eve", "pw"));
    assertEquals(bulk("eve"), h.run("ACL", "WHOAMI"));
    assertEquals("-WRONGPASS invalid username-password pair or user is disabled.\r\n", h.run("AUTH", "eve", "x"));
  }

  @Test
  void firstArgumentRulesAllowOnlyThatSubcommand() {
    final EngineHarness h = new EngineHarness();
    h.run("ACL", "SETUSER", "f", "on", "nopass", "allkeys", "+select|0", "+client|id");
    h.connect();
    h.run("AUTH", "f", "x");
    assertEquals("+OK\r\n", h.run("SELECT", "0"));
    assertEquals("-NOPERM this user has no permissions to run the 'select' command\r\n", h.run("SELECT", "1"));
    assertEquals("-NOPERM this user has no permissions to run the 'client|list' command\r\n", h.run("CLIENT", "LIST"));
  }

  @Test
  void categoriesAndMovableKeys() {
    final EngineHarness h = new EngineHarness();
    h.run("ACL", "SETUSER", "g", "on", "nopass", "+@read", "~a*");
    h.connect();
    h.run("AUTH", "g", "x");
    assertEquals("*0\r\n", h.run("ZUNION", "2", "a1", "a2"));
    assertEquals(NOPERM_KEY, h.run("ZUNION", "2", "a1", "b2"));
    assertEquals("-NOPERM this user has no permissions to run the 'set' command\r\n", h.run("SET", "a", "b"));
    assertEquals(":0\r\n", h.run("EXISTS", "a"));
  }

  @Test
  void deletingAUserClosesItsConnections() {
    final EngineHarness h = withDave();
    final long dave = h.client;
    h.connect();
    assertEquals(":1\r\n", h.run("ACL", "DELUSER", "dave", "nobody"));
    assertTrue(h.lastEvent().killConnections.containsLong(dave));
  }
}
