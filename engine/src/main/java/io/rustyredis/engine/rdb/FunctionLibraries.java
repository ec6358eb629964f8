package io.rustyredis.engine.rdb;

import java.util.List;

/**
 * The function libraries an RDB image carries beside the keys: Redis 7 writes each library's
 * source after the aux fields under the {@code FUNCTION2} opcode, and FUNCTION DUMP is the same
 * entries with DUMP's footer. The scripting commands own the libraries; the RDB code only moves
 * their source in and out, so it needs no Lua.
 */
public interface FunctionLibraries {
  /** Each loaded library's source, in the order they are written. */
  List<byte[]> sources();

  /** Loads one library read from a file; Redis's error text when it cannot, else null. */
  String load(byte[] source);
}
