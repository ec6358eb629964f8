package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisDataException;

/** ACL users and AUTH through Jedis, as an application would log in; replies as Redis 7.0.15's. */
class AclJedisTest {
  private static Jedis jedis(final int port) {
    return new Jedis(new HostAndPort("127.0.0.1", port), DefaultJedisClientConfig.builder().timeoutMillis(10_000).build());
  }

  @Test
  void usersLogInAndAreHeldToTheirRules() {
    try (TestServer server = TestServer.start(); Jedis admin = jedis(server.port())) {
      assertEquals("OK", admin.aclSetUser("app", "on", ">s3cret", "~app:*", "+@read", "+@write", "-del", "+acl|whoami"));
      try (Jedis app = jedis(server.port())) {
        final JedisAccessControlException wrong = assertThrows(JedisAccessControlException.class,
            () -> app.auth("app", "nope"));
        assertEquals("WRONGPASS invalid username-password pair or user is disabled.", wrong.getMessage());
        assertEquals("OK", app.auth("app", "s3cret"));
        assertEquals("app", app.aclWhoAmI());
        assertEquals("OK", app.set("app:1", "v"));
        assertEquals("v", app.get("app:1"));
        final JedisDataException key = assertThrows(JedisDataException.class, () -> app.get("other"));
        assertEquals("NOPERM this user has no permissions to access one of the keys used as arguments", key.getMessage());
        final JedisDataException command = assertThrows(JedisDataException.class, () -> app.del("app:1"));
        assertEquals("NOPERM this user has no permissions to run the 'del' command", command.getMessage());
      }
      assertEquals(List.of("app", "default"), admin.aclUsers());
      assertEquals("command", admin.aclLog().get(0).getReason());
      assertEquals("del", admin.aclLog().get(0).getObject());
    }
  }

  @Test
  void requirepassAndHelloAuth() {
    try (TestServer server = TestServer.start("requirepass", "pw")) {
      try (Jedis anonymous = jedis(server.port())) {
        final JedisDataException noauth = assertThrows(JedisDataException.class, anonymous::ping);
        assertEquals("NOAUTH Authentication required.", noauth.getMessage());
        assertEquals("OK", anonymous.auth("pw"));
        assertEquals("PONG", anonymous.ping());
      }
      try (Jedis resp3 = new Jedis(new HostAndPort("127.0.0.1", server.port()), DefaultJedisClientConfig.builder()
          .timeoutMillis(10_000).protocol(RedisProtocol.RESP3).user("default").password("pw").build())) {
        assertEquals("PONG", resp3.ping());
        assertEquals("default", resp3.aclWhoAmI());
      }
    }
  }
}
