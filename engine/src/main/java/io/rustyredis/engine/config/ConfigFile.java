package io.rustyredis.engine.config;

import java.io.IOException;

/**
 * The configuration file the server was started with, for CONFIG REWRITE. The engine never opens
 * files itself: the transport, which read the file at startup, hands in this seam, and a test can
 * hand in a string.
 */
public interface ConfigFile {
  /** The file's current text; empty when it no longer exists (Redis then writes it afresh). */
  String read() throws IOException;

  /** Replaces the file's text in one step (a reader never sees half of it). */
  void write(String text) throws IOException;
}
