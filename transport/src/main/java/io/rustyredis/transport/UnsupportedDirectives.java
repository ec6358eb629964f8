package io.rustyredis.transport;

import java.util.Locale;
import java.util.Set;

/**
 * Redis 7.0 directives that rusty-redis does not implement, split by what ignoring them would do.
 * A directive about a mechanism we do not have (fork-based saving, jemalloc, the process title,
 * syslog, defragmentation) changes nothing a client sees, so the file is accepted with a warning
 * and can be shared with a real Redis. A directive that promises something to clients or to the
 * operator (replication, TLS, a Unix socket, renamed commands, modules, write guarantees) would
 * be a silent lie if ignored, so the start is refused with Redis's fatal report.
 */
final class UnsupportedDirectives {
  /** Accepted with a warning: nothing a client can observe depends on them. */
  static final Set<String> IGNORED = Set.of(
      "pidfile", "supervised", "always-show-logo", "set-proc-title", "proc-title-template",
      "syslog-enabled", "syslog-ident", "syslog-facility", "crash-log-enabled", "crash-memcheck-enabled",
      "stop-writes-on-bgsave-error", "sanitize-dump-payload",
      "rdb-del-sync-files", "rdb-save-incremental-fsync", "aof-rewrite-incremental-fsync",
      "aof-use-rdb-preamble", "aof-timestamp-enabled", 
      "no-appendfsync-on-rewrite",
      "lazyfree-lazy-eviction", "lazyfree-lazy-expire", "lazyfree-lazy-server-del",
      "lazyfree-lazy-user-del", "lazyfree-lazy-user-flush", "replica-lazy-flush",
      "oom-score-adj", "oom-score-adj-values", "disable-thp", "jemalloc-bg-thread",
      "activerehashing", "dynamic-hz", "activedefrag", "active-defrag-ignore-bytes",
      "active-defrag-threshold-lower", "active-defrag-threshold-upper", "active-defrag-cycle-min",
      "active-defrag-cycle-max", "active-defrag-max-scan-fields", "hll-sparse-max-bytes",
      "stream-node-max-bytes", "stream-node-max-entries", "io-threads-do-reads", "tcp-backlog",
      "shutdown-timeout", "shutdown-on-sigint", "shutdown-on-sigterm", "enable-protected-configs",
      "enable-module-command",
      "replica-priority", "slave-priority", "replica-announced", "cluster-config-file",
      "cluster-node-timeout", 
      "maxmemory-clients", "maxmemory-eviction-tenacity",
      "tracking-table-max-keys");

  /** Refused: ignoring them would break what an operator or a client was promised. */
  static final Set<String> REFUSED = Set.of(
      "replicaof", "slaveof", "masterauth", "masteruser", "replica-read-only", "slave-read-only",
      "replica-serve-stale-data", "min-replicas-to-write", "min-slaves-to-write",
      "min-replicas-max-lag", "min-slaves-max-lag", "repl-diskless-sync", "repl-backlog-size",
      "unixsocket", "unixsocketperm", "tls-port", "tls-cert-file", "tls-key-file", "tls-ca-cert-file",
      "tls-replication", "tls-cluster", "tls-auth-clients", "rename-command", "loadmodule",
      "sentinel", "ignore-warnings");

  private UnsupportedDirectives() {}

  static boolean ignored(final String name) {
    return IGNORED.contains(name.toLowerCase(Locale.ROOT));
  }

  static boolean refused(final String name) {
    return REFUSED.contains(name.toLowerCase(Locale.ROOT));
  }
}
