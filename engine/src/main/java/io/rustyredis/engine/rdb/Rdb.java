package io.rustyredis.engine.rdb;

/**
 * The numbers of Redis's RDB format ({@code rdb.h}), version 10 as Redis 7.0 writes it: value
 * types, opcodes and the length-encoding markers. One place, so the writer and the reader cannot
 * disagree.
 */
public final class Rdb {
  public static final int VERSION = 10;

  public static final int TYPE_STRING = 0;
  public static final int TYPE_LIST = 1;
  public static final int TYPE_SET = 2;
  public static final int TYPE_ZSET = 3;
  public static final int TYPE_HASH = 4;
  public static final int TYPE_ZSET_2 = 5;
  public static final int TYPE_HASH_ZIPMAP = 9;
  public static final int TYPE_LIST_ZIPLIST = 10;
  public static final int TYPE_SET_INTSET = 11;
  public static final int TYPE_ZSET_ZIPLIST = 12;
  public static final int TYPE_HASH_ZIPLIST = 13;
  public static final int TYPE_LIST_QUICKLIST = 14;
  public static final int TYPE_HASH_LISTPACK = 16;
  public static final int TYPE_ZSET_LISTPACK = 17;
  public static final int TYPE_LIST_QUICKLIST_2 = 18;

  public static final int OPCODE_FUNCTION2 = 245;
  public static final int OPCODE_FUNCTION = 246;
  public static final int OPCODE_MODULE_AUX = 247;
  public static final int OPCODE_IDLE = 248;
  public static final int OPCODE_FREQ = 249;
  public static final int OPCODE_AUX = 250;
  public static final int OPCODE_RESIZEDB = 251;
  public static final int OPCODE_EXPIRETIME_MS = 252;
  public static final int OPCODE_EXPIRETIME = 253;
  public static final int OPCODE_SELECTDB = 254;
  public static final int OPCODE_EOF = 255;

  /** Quicklist node containers in a {@link #TYPE_LIST_QUICKLIST_2}. */
  public static final int QUICKLIST_NODE_PLAIN = 1;
  public static final int QUICKLIST_NODE_PACKED = 2;

  /** Special string encodings after a {@code 11} length prefix. */
  public static final int ENC_INT8 = 0;
  public static final int ENC_INT16 = 1;
  public static final int ENC_INT32 = 2;
  public static final int ENC_LZF = 3;

  private Rdb() {}
}
