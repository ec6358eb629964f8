package io.rustyredis.engine.config;

import io.rustyredis.engine.config.Parameter.Kind;

/**
 * The parameters rusty-redis implements, with Redis 7.0's names and defaults. One line each, so
 * this class is the list an operator reads to see what is configurable.
 */
final class Parameters {
  private Parameters() {}

  static void declareAll(final Config c) {
    c.declare(new Parameter("bind", Kind.WORDS, false, "127.0.0.1 -::1", 0, 0));
    c.declare(new Parameter("port", Kind.INTEGER, false, "6379", 0, 65535));
    c.declare(new Parameter("databases", Kind.INTEGER, false, "16", 1, Integer.MAX_VALUE));
    c.declare(new Parameter("requirepass", Kind.STRING, true, "", 0, 0));
    c.declare(new Parameter("aclfile", Kind.STRING, false, "", 0, 0));
    c.declare(new Parameter("acllog-max-len", Kind.INTEGER, true, "128", 0, Long.MAX_VALUE));
    c.declare(new Parameter("client-query-buffer-limit", Kind.MEMORY, true, "1073741824", 1024 * 1024, Long.MAX_VALUE));
    c.declare(new Parameter("proto-max-bulk-len", Kind.MEMORY, true, "536870912", 1024 * 1024, Long.MAX_VALUE));
    c.declare(new Parameter("hz", Kind.INTEGER, true, "10", 0, Integer.MAX_VALUE));
    c.declare(new Parameter("maxclients", Kind.INTEGER, true, "10000", 1, 4294967295L));
    c.declare(new Parameter("timeout", Kind.INTEGER, true, "0", 0, Integer.MAX_VALUE));
    c.declare(new Parameter("tcp-keepalive", Kind.INTEGER, true, "300", 0, Integer.MAX_VALUE));
    c.declare(new Parameter("io-threads", Kind.INTEGER, false, "1", 1, 128));
    // As Redis 7.0: the CPUs the server's threads (here the ring's consumer and the I/O threads)
    // are bound to, in its syntax ("0-3:2,5"); empty binds nothing.
    c.declare(new Parameter("server_cpulist", Kind.STRING, false, "", 0, 0));
    // Beyond Redis: with one I/O thread and no server_cpulist, the ring's consumer and the I/O
    // thread share one CPU (transport/README.md, "Where the threads run").
    c.declare(new Parameter("colocate-threads", Kind.BOOLEAN, false, "yes", 0, 0));
    c.declare(new Parameter("enable-debug-command", Kind.ENUM, false, "no", 0, 0, "no", "yes", "local"));
    c.declare(new Parameter("ring-wait-strategy", Kind.ENUM, false, "stage", 0, 0, "stage", "blocking", "sleeping", "yielding", "busyspin"));
    // Small on purpose: every slot is a graph of objects and buffers (about 1.4 KB) that the I/O
    // thread and the ring's consumer touch in turn; 65536 of them (about 90 MB) missed the CPU caches on every slot, 1024
    // stay in cache and are more than 50 clients pipelining 16 keep in flight (bench/README.md,
    // 2026-12-06).
    c.declare(new Parameter("ring-size", Kind.INTEGER, false, "1024", 1024, 1 << 24));
    c.declare(new Parameter("dir", Kind.STRING, true, ".", 0, 0));
    c.declare(new Parameter("dbfilename", Kind.STRING, true, "dump.rdb", 0, 0));
    c.declare(new Parameter("rdbcompression", Kind.BOOLEAN, true, "yes", 0, 0));
    c.declare(new Parameter("rdbchecksum", Kind.BOOLEAN, false, "yes", 0, 0));
    c.declare(new Parameter("appendonly", Kind.BOOLEAN, true, "no", 0, 0));
    c.declare(new Parameter("save", Kind.SAVE_RULES, true, "", 0, 0));
    c.declare(new Parameter("appendfsync", Kind.ENUM, true, "everysec", 0, 0, "everysec", "always", "no"));
    c.declare(new Parameter("appendfilename", Kind.STRING, false, "appendonly.aof", 0, 0));
    c.declare(new Parameter("appenddirname", Kind.STRING, false, "appendonlydir", 0, 0));
    c.declare(new Parameter("auto-aof-rewrite-percentage", Kind.INTEGER, true, "100", 0, Integer.MAX_VALUE));
    c.declare(new Parameter("auto-aof-rewrite-min-size", Kind.MEMORY, true, "67108864", 0, Long.MAX_VALUE));
    c.declare(new Parameter("aof-load-truncated", Kind.BOOLEAN, true, "yes", 0, 0));
    c.declare(new Parameter("loglevel", Kind.ENUM, true, "notice", 0, 0, "debug", "verbose", "notice", "warning"));
    c.declare(new Parameter("logfile", Kind.STRING, false, "", 0, 0));
    c.declare(new Parameter("maxmemory", Kind.MEMORY, true, "0", 0, Long.MAX_VALUE));
    c.declare(new Parameter("maxmemory-policy", Kind.ENUM, true, "noeviction", 0, 0,
        "volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl",
        "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction"));
    c.declare(new Parameter("maxmemory-samples", Kind.INTEGER, true, "5", 1, Integer.MAX_VALUE));
    c.declare(new Parameter("lfu-log-factor", Kind.INTEGER, true, "10", 0, Integer.MAX_VALUE));
    c.declare(new Parameter("lfu-decay-time", Kind.INTEGER, true, "1", 0, Integer.MAX_VALUE));
    c.declare(new Parameter("slowlog-log-slower-than", Kind.INTEGER, true, "10000", -1, Long.MAX_VALUE));
    c.declare(new Parameter("slowlog-max-len", Kind.INTEGER, true, "128", 0, Long.MAX_VALUE));
    c.declare(new Parameter("latency-monitor-threshold", Kind.INTEGER, true, "0", 0, Long.MAX_VALUE));
    c.declare(new Parameter("latency-tracking", Kind.BOOLEAN, true, "yes", 0, 0));
    c.declare(new Parameter("latency-tracking-info-percentiles", Kind.PERCENTILES, true, "50 99 99.9", 0, 0));
    // Beyond Redis: the Prometheus text endpoint's port; 0 leaves it off.
    c.declare(new Parameter("metrics-port", Kind.INTEGER, false, "0", 0, 65535));
    c.declare(new Parameter("cluster-enabled", Kind.BOOLEAN, false, "no", 0, 0));
    c.declare(new Parameter("daemonize", Kind.BOOLEAN, false, "no", 0, 0));
    c.declare(new Parameter("busy-reply-threshold", Kind.INTEGER, true, "5000", 0, Long.MAX_VALUE));
    c.alias("lua-time-limit", "busy-reply-threshold");
    // Redis 7.0 still takes the pre-listpack names of the encoding thresholds.
    c.alias("hash-max-ziplist-entries", "hash-max-listpack-entries");
    c.alias("hash-max-ziplist-value", "hash-max-listpack-value");
    c.alias("zset-max-ziplist-entries", "zset-max-listpack-entries");
    c.alias("zset-max-ziplist-value", "zset-max-listpack-value");
    c.alias("list-max-ziplist-size", "list-max-listpack-size");
    c.declare(new Parameter("protected-mode", Kind.BOOLEAN, true, "yes", 0, 0));
    c.declare(new Parameter("notify-keyspace-events", Kind.KEYSPACE_EVENTS, true, "", 0, 0));
    c.declare(new Parameter("client-output-buffer-limit", Kind.OUTPUT_BUFFER_LIMITS, true,
        "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60", 0, 0));
    // When collections leave their compact encodings (Redis 7.0's defaults).
    c.declare(new Parameter("hash-max-listpack-entries", Kind.MEMORY, true, "512", 0, Long.MAX_VALUE));
    c.declare(new Parameter("hash-max-listpack-value", Kind.MEMORY, true, "64", 0, Long.MAX_VALUE));
    c.declare(new Parameter("zset-max-listpack-entries", Kind.MEMORY, true, "128", 0, Long.MAX_VALUE));
    c.declare(new Parameter("zset-max-listpack-value", Kind.MEMORY, true, "64", 0, Long.MAX_VALUE));
    c.declare(new Parameter("set-max-intset-entries", Kind.MEMORY, true, "512", 0, Long.MAX_VALUE));
    c.declare(new Parameter("list-max-listpack-size", Kind.INTEGER, true, "-2", Integer.MIN_VALUE, Integer.MAX_VALUE));
    c.declare(new Parameter("list-compress-depth", Kind.INTEGER, true, "0", 0, Integer.MAX_VALUE));
  }
}
