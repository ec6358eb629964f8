package io.rustyredis.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A plain socket speaking bytes, for what real clients never send: half frames, garbage, huge
 * declared lengths. Reads answer what came back and whether the server closed the connection.
 */
final class RawClient implements AutoCloseable {
  private final Socket socket = new Socket();

  RawClient(final int port) throws IOException {
    this(port, null);
  }

  /** Connects from {@code localAddress} (e.g. 127.0.0.2, which Redis does not count as loopback). */
  RawClient(final int port, final String localAddress) throws IOException {
    if (localAddress != null) {
      socket.bind(new InetSocketAddress(localAddress, 0));
    }
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setTcpNoDelay(true);
  }

  RawClient send(final String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
    return this;
  }

  /** Exactly {@code length} bytes of reply, waiting as long as it takes up to a generous limit. */
  String read(final int length) throws IOException {
    socket.setSoTimeout(10_000);
    final byte[] bytes = socket.getInputStream().readNBytes(length);
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  /** Everything until the server closes the connection; fails if it keeps it open. */
  String readUntilClosed() throws IOException {
    socket.setSoTimeout(10_000);
    final InputStream in = socket.getInputStream();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final byte[] chunk = new byte[4096];
    try {
      for (int n; (n = in.read(chunk)) >= 0; ) {
        out.write(chunk, 0, n);
      }
    } catch (final SocketTimeoutException e) {
      throw new AssertionError("server kept the connection open after: " + out.toString(StandardCharsets.ISO_8859_1), e);
    } catch (final SocketException e) {
      // A reset instead of a FIN: closed all the same (the server had unread input left).
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
