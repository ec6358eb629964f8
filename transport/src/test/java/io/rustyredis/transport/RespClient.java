package io.rustyredis.transport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A binary-safe RESP2 client: bulk strings come back as byte[], errors as exceptions. */
final class RespClient implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  RespClient(final int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream());
  }

  Object call(final String... args) throws IOException {
    final byte[][] raw = new byte[args.length][];
    for (int i = 0; i < args.length; i++) {
      raw[i] = args[i].getBytes(StandardCharsets.UTF_8);
    }
    return call(raw);
  }

  Object call(final byte[]... args) throws IOException {
    final ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (final byte[] a : args) {
      request.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      request.writeBytes(a);
      request.writeBytes(new byte[] {'\r', '\n'});
    }
    out.write(request.toByteArray());
    out.flush();
    return read();
  }

  private Object read() throws IOException {
    final int kind = in.read();
    final String line = line();
    switch (kind) {
      case '+':
        return line;
      case '-':
        throw new IllegalStateException(line);
      case ':':
        return Long.parseLong(line);
      case '$': {
        final int n = Integer.parseInt(line);
        if (n < 0) {
          return null;
        }
        final byte[] data = in.readNBytes(n);
        in.readNBytes(2);
        return data;
      }
      case '*': {
        final int n = Integer.parseInt(line);
        final List<Object> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          items.add(read());
        }
        return items;
      }
      default:
        throw new IllegalStateException("unexpected reply type " + kind);
    }
  }

  private String line() throws IOException {
    final StringBuilder s = new StringBuilder();
    int c;
    while ((c = in.read()) != '\r') {
      if (c < 0) {
        throw new IOException("connection closed");
      }
      s.append((char) c);
    }
    in.read();
    return s.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
