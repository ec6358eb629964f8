package io.rustyredis.engine.rdb;

/**
 * An RDB file or DUMP payload that does not follow the format: bad magic, unknown type or opcode,
 * a length past the end, a checksum mismatch. The message says what and, for files, where.
 */
public final class RdbFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RdbFormatException(final String message) {
    super(message);
  }
}
