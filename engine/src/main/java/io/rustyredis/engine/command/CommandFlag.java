package io.rustyredis.engine.command;

/** Redis's command flags, by the names COMMAND INFO reports them under. */
public enum CommandFlag {
  WRITE("write"),
  READONLY("readonly"),
  DENYOOM("denyoom"),
  MODULE("module"),
  ADMIN("admin"),
  PUBSUB("pubsub"),
  NOSCRIPT("noscript"),
  BLOCKING("blocking"),
  LOADING("loading"),
  STALE("stale"),
  SKIP_MONITOR("skip_monitor"),
  SKIP_SLOWLOG("skip_slowlog"),
  ASKING("asking"),
  FAST("fast"),
  NO_AUTH("no_auth"),
  MAY_REPLICATE("may_replicate"),
  SENTINEL("sentinel"),
  ONLY_SENTINEL("only_sentinel"),
  NO_MANDATORY_KEYS("no_mandatory_keys"),
  PROTECTED("protected"),
  ALLOW_BUSY("allow_busy"),
  NO_ASYNC_LOADING("no_async_loading"),
  NO_MULTI("no_multi"),
  /**
   * Not a flag of Redis's table but one COMMAND INFO reports: the key positions depend on the
   * arguments (a numkeys count, SORT's STORE), so first/last/step cannot say where the keys are.
   */
  MOVABLEKEYS("movablekeys");

  public final String redisName;
  public final long bit;

  CommandFlag(final String redisName) {
    this.redisName = redisName;
    this.bit = 1L << ordinal();
  }
}
