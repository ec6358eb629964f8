package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;

/** Jedis, the most used Java client, against the shared in-process server. */
@ExtendWith(ServerExtension.class)
class JedisEndToEndTest {
  private final TestServer server;
  private Jedis jedis;

  JedisEndToEndTest(final TestServer server) {
    this.server = server;
  }

  @BeforeEach
  void connect() {
    jedis = connect(server.port());
  }

  @AfterEach
  void disconnect() {
    jedis.close();
  }

  static Jedis connect(final int port) {
    return new Jedis(new HostAndPort("127.0.0.1", port), DefaultJedisClientConfig.builder().timeoutMillis(10_000).build());
  }

  @Test
  void setThenGetReturnsTheValue() {
    assertEquals("OK", jedis.set("jedis:greeting", "hello world"));
    assertEquals("hello world", jedis.get("jedis:greeting"));
  }

  @Test
  void getOfMissingKeyIsNull() {
    assertNull(jedis.get("jedis:missing"));
  }

  @Test
  void binaryValuesSurviveTheRoundTrip() {
    final byte[] value = new byte[256];
    for (int i = 0; i < value.length; i++) {
      value[i] = (byte) i;
    }
    jedis.set("jedis:binary".getBytes(), value);
    assertEquals(256, jedis.get("jedis:binary".getBytes()).length);
    for (int i = 0; i < value.length; i++) {
      assertEquals(value[i], jedis.get("jedis:binary".getBytes())[i]);
    }
  }

  @Test
  void delAndExistsCountKeys() {
    jedis.set("jedis:a", "1");
    jedis.set("jedis:b", "2");
    assertEquals(2, jedis.exists("jedis:a", "jedis:b", "jedis:c"));
    assertEquals(2, jedis.del("jedis:a", "jedis:b", "jedis:c"));
    assertFalse(jedis.exists("jedis:a"));
  }

  @Test
  void pingAndEchoAnswer() {
    assertEquals("PONG", jedis.ping());
    assertEquals("hi there", jedis.ping("hi there"));
    assertEquals("echo me", jedis.echo("echo me"));
  }

  @Test
  void selectSeparatesDatabases() {
    jedis.select(3);
    jedis.set("jedis:db", "three");
    jedis.select(0);
    assertNull(jedis.get("jedis:db"));
    jedis.select(3);
    assertEquals("three", jedis.get("jedis:db"));
    jedis.del("jedis:db");
  }

  @Test
  void unknownCommandIsAnErrorAndTheConnectionGoesOn() {
    final JedisDataException e = assertThrows(JedisDataException.class,
        () -> jedis.sendCommand(() -> "NOSUCHCOMMAND".getBytes(), "a"));
    assertEquals("ERR unknown command 'NOSUCHCOMMAND', with args beginning with: 'a' ", e.getMessage());
    assertEquals("PONG", jedis.ping());
  }

  @Test
  void tenThousandPipelinedCommandsAnswerInOrder() {
    final int n = 10_000;
    final List<Response<String>> sets = new ArrayList<>(n);
    final List<Response<String>> gets = new ArrayList<>(n);
    try (Pipeline pipeline = jedis.pipelined()) {
      for (int i = 0; i < n; i++) {
        sets.add(pipeline.set("jedis:pipe:" + i, "value-" + i));
        gets.add(pipeline.get("jedis:pipe:" + i));
      }
      pipeline.sync();
    }
    for (int i = 0; i < n; i++) {
      assertEquals("OK", sets.get(i).get());
      assertEquals("value-" + i, gets.get(i).get());
    }
    final List<Response<Boolean>> exists = new ArrayList<>(n);
    try (Pipeline pipeline = jedis.pipelined()) {
      for (int i = 0; i < n; i++) {
        exists.add(pipeline.exists(i % 3 == 0 ? "jedis:pipe:" + i : "jedis:absent:" + i));
      }
      pipeline.sync();
    }
    for (int i = 0; i < n; i++) {
      assertEquals(i % 3 == 0, exists.get(i).get(), "reply " + i);
    }
    assertTrue(jedis.exists("jedis:pipe:9999"));
  }
}
