package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Protected mode, maxclients, the idle timeout, the query buffer limit and proto-max-bulk-len, end
 * to end over real sockets. Replies and the rule for protected mode were checked against Redis
 * 7.0.15: a peer of 127.0.0.2 is not "loopback" to it (it compares the address with 127.0.0.1 and
 * ::1), so a client bound to 127.0.0.2 is an honest non-loopback peer without a network namespace.
 */
class ClientLimitsEndToEndTest {
  private static final String DENIED_START = "-DENIED Redis is running in protected mode because protected mode is "
      + "enabled and no password is set for the default user. In this mode connections are only accepted from the "
      + "loopback interface.";
  private static final String DENIED_END = "4) Setup a an authentication password for the default user. NOTE: You "
      + "only need to do one of the above things in order for the server to start accepting connections from the "
      + "outside.\r\n";

  @Test
  void protectedModeRefusesPeersOtherThanLoopback() throws IOException {
    try (TestServer server = TestServer.start("bind", "127.0.0.1 127.0.0.2")) {
      try (RawClient outside = new RawClient(server.port(), "127.0.0.2")) {
        final String reply = outside.send("PING\r\n").readUntilClosed();
        assertTrue(reply.startsWith(DENIED_START) && reply.endsWith(DENIED_END), reply);
        assertEquals(reply.length() - 2, reply.indexOf("\r\n"));
      }
      try (RawClient local = new RawClient(server.port())) {
        assertEquals("+PONG\r\n", local.send("PING\r\n").read(7));
        assertEquals("+OK\r\n", local.send("CONFIG SET requirepass secret\r\n").read(5));
      }
      try (RawClient outside = new RawClient(server.port(), "127.0.0.2")) {
        assertEquals("-NOAUTH Authentication required.\r\n", outside.send("PING\r\n").read(34));
        assertEquals("+OK\r\n", outside.send("AUTH secret\r\nCONFIG SET requirepass \"\"\r\n").read(10).substring(5));
        assertEquals("+OK\r\n", outside.send("CONFIG SET protected-mode no\r\n").read(5));
      }
      try (RawClient outside = new RawClient(server.port(), "127.0.0.2")) {
        assertEquals("+PONG\r\n", outside.send("PING\r\n").read(7));
      }
    }
  }

  @Test
  void everyBindAddressListensOnTheSamePort() throws IOException {
    try (TestServer server = TestServer.start("bind", "127.0.0.1 127.0.0.2 -192.0.2.254")) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.2", server.port()), 5_000);
        socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("+PONG\r\n", new String(socket.getInputStream().readNBytes(7), StandardCharsets.US_ASCII));
      }
    }
  }

  @Test
  void clientsPastMaxclientsAreRefusedOthersStay() throws IOException {
    try (TestServer server = TestServer.start("maxclients", "2");
        RawClient first = new RawClient(server.port());
        RawClient second = new RawClient(server.port())) {
      assertEquals("+PONG\r\n", first.send("PING\r\n").read(7));
      assertEquals("+PONG\r\n", second.send("PING\r\n").read(7));
      try (RawClient third = new RawClient(server.port())) {
        assertEquals("-ERR max number of clients reached\r\n", third.readUntilClosed());
      }
      assertEquals("+PONG\r\n", first.send("PING\r\n").read(7));
    }
  }

  @Test
  void idleClientsAreClosedAfterTimeout() throws Exception {
    try (TestServer server = TestServer.start("timeout", "1");
        RawClient idle = new RawClient(server.port());
        RawClient busy = new RawClient(server.port())) {
      assertEquals("+PONG\r\n", idle.send("PING\r\n").read(7));
      for (int i = 0; i < 8; i++) {
        Thread.sleep(300);
        assertEquals("+PONG\r\n", busy.send("PING\r\n").read(7));
      }
      assertEquals("", idle.readUntilClosed());
      assertEquals("+PONG\r\n", busy.send("PING\r\n").read(7));
    }
  }

  /**
   * A client streaming one enormous multibulk (the 2 GB query, scaled to a limit of 1 MB)
   * is cut off once the command it is still sending passes client-query-buffer-limit; another
   * client is served throughout.
   */
  @Test
  void aClientPastTheQueryBufferLimitIsCutOffOthersUnaffected() throws Exception {
    try (TestServer server = TestServer.start("client-query-buffer-limit", "1mb");
        RawClient other = new RawClient(server.port());
        Socket greedy = new Socket()) {
      greedy.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
      final OutputStream out = greedy.getOutputStream();
      final byte[] arg = ("$1000\r\n" + "x".repeat(1000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      out.write("*2000000\r\n$3\r\nSET\r\n".getBytes(StandardCharsets.US_ASCII));
      final long twoGigabytes = 2L << 30;
      assertThrows(IOException.class, () -> {
        for (long n = 0; n < twoGigabytes; n += arg.length) {
          out.write(arg);
        }
      });
      assertEquals("+PONG\r\n", other.send("PING\r\n").read(7));
      assertEquals("+OK\r\n", other.send("SET k v\r\n").read(5));
    }
  }

  @Test
  void bulksLongerThanProtoMaxBulkLenAreRefused() throws IOException {
    try (TestServer server = TestServer.start("proto-max-bulk-len", "1mb");
        RawClient client = new RawClient(server.port())) {
      assertEquals("-ERR Protocol error: invalid bulk length\r\n",
          client.send("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1048577\r\n").readUntilClosed());
    }
  }
}
