package io.rustyredis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The outbox keeps one reply per connection per event, whatever order connections are opened in. */
class OutboxTest {
  private static String text(final Reply reply) {
    return new String(reply.array(), 0, reply.length(), StandardCharsets.UTF_8);
  }

  @Test
  void openingAConnectionAgainAppendsToItsReply() {
    final Outbox outbox = new Outbox();
    final Object a = new Object();
    final Object b = new Object();
    outbox.open(a, 2).simple("one");
    outbox.open(b, 2).simple("other");
    outbox.open(a, 2).simple("two");
    assertEquals(2, outbox.size());
    assertSame(a, outbox.connection(0));
    assertEquals("+one\r\n+two\r\n", text(outbox.reply(0)));
    assertEquals("+other\r\n", text(outbox.reply(1)));
  }

  @Test
  void manyConnectionsStayDistinctAcrossGrowthAndClear() {
    final Outbox outbox = new Outbox();
    final Object[] connections = new Object[1000];
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < connections.length; i++) {
        if (connections[i] == null) {
          connections[i] = new Object();
        }
        outbox.open(connections[i], 2, i % 3).integer(i);
      }
      for (int i = 0; i < connections.length; i++) {
        outbox.open(connections[i], 2).integer(-i);
      }
      assertEquals(connections.length, outbox.size());
      for (int i = 0; i < connections.length; i++) {
        assertSame(connections[i], outbox.connection(i));
        assertEquals(":" + i + "\r\n:" + -i + "\r\n", text(outbox.reply(i)));
        assertEquals(i % 3, outbox.outputClass(i));
      }
      outbox.clear();
      assertEquals(0, outbox.size());
    }
  }
}
