package io.rustyredis.engine.eviction;

import io.rustyredis.engine.command.CommandFlag;
import io.rustyredis.engine.command.CommandSpec;
import io.rustyredis.engine.config.Config;
import io.rustyredis.engine.config.Parameter;
import io.rustyredis.engine.keyspace.Database;
import io.rustyredis.engine.keyspace.Keyspace;
import io.rustyredis.engine.keyspace.Record;
import java.util.SplittableRandom;

/**
 * maxmemory: before each command, as Redis's performEvictions, keys are evicted while the memory
 * used is over the limit, chosen by {@code maxmemory-policy}; a command that may grow memory
 * ({@code denyoom}) is refused with {@code -OOM} when nothing (more) can be evicted.
 *
 * <p>Each eviction samples {@code maxmemory-samples} keys of every non-empty database (only keys
 * with a deadline under the volatile policies) and evicts the best candidate: the longest idle
 * (LRU), the lowest decayed LFU counter (LFU), the nearest deadline (TTL), or the first sampled
 * (random). Redis also keeps a pool of good candidates from earlier rounds; without it the choice
 * is a little less precise for the same samples, never wrong about the limit.
 *
 * <p>The parameters are re-read only when their value objects change (CONFIG SET replaces them),
 * so the check costs a few reference comparisons per command, and nothing when maxmemory is 0.
 */
public final class Eviction {
  public static final String OOM = "OOM command not allowed when used memory > 'maxmemory'.";

  /** Redis 7.0's policies. */
  enum Policy { NOEVICTION, ALLKEYS_LRU, ALLKEYS_LFU, ALLKEYS_RANDOM, VOLATILE_LRU, VOLATILE_LFU, VOLATILE_RANDOM, VOLATILE_TTL }

  private final Keyspace keyspace;
  private final Parameter maxmemoryParam;
  private final Parameter policyParam;
  private final Parameter samplesParam;
  private final Parameter logFactorParam;
  private final Parameter decayParam;
  private String maxmemorySeen;
  private String policySeen;
  private String samplesSeen;
  private String logFactorSeen;
  private String decaySeen;
  private long maxmemory;
  private Policy policy = Policy.NOEVICTION;
  private int samples = 5;
  private int nextDb;

  public Eviction(final Config config, final Keyspace keyspace) {
    this.keyspace = keyspace;
    this.maxmemoryParam = config.parameter("maxmemory");
    this.policyParam = config.parameter("maxmemory-policy");
    this.samplesParam = config.parameter("maxmemory-samples");
    this.logFactorParam = config.parameter("lfu-log-factor");
    this.decayParam = config.parameter("lfu-decay-time");
    refresh();
  }

  /**
   * Makes room before a command; false when the command must be refused with {@link #OOM}: it is
   * {@code denyoom} and memory is still over the limit after evicting all the policy allows.
   */
  public boolean admit(final CommandSpec spec) {
    refresh();
    if (maxmemory == 0 || keyspace.usedMemory() <= maxmemory) {
      return true;
    }
    while (keyspace.usedMemory() > maxmemory) {
      if (policy == Policy.NOEVICTION || !evictOne()) {
        return !spec.has(CommandFlag.DENYOOM);
      }
    }
    return true;
  }

  private void refresh() {
    if (maxmemoryParam.value() != maxmemorySeen) {
      maxmemorySeen = maxmemoryParam.value();
      maxmemory = Parameter.parseMemory(maxmemorySeen);
    }
    if (samplesParam.value() != samplesSeen) {
      samplesSeen = samplesParam.value();
      samples = (int) Parameter.parseMemory(samplesSeen);
    }
    if (policyParam.value() != policySeen || logFactorParam.value() != logFactorSeen
        || decayParam.value() != decaySeen) {
      policySeen = policyParam.value();
      logFactorSeen = logFactorParam.value();
      decaySeen = decayParam.value();
      policy = Policy.valueOf(policySeen.replace('-', '_').toUpperCase(java.util.Locale.ROOT));
      keyspace.lfu(policy == Policy.ALLKEYS_LFU || policy == Policy.VOLATILE_LFU,
          (int) Parameter.parseMemory(logFactorSeen), (int) Parameter.parseMemory(decaySeen));
    }
  }

  /** Evicts the best of the sampled keys; false when there is no candidate at all. */
  private boolean evictOne() {
    final SplittableRandom random = keyspace.random();
    final boolean volatileOnly = policy.name().startsWith("VOLATILE");
    long best = 0;
    int bestDb = -1;
    long bestScore = Long.MIN_VALUE;
    final long now = keyspace.now();
    final int count = keyspace.databaseCount();
    // Random policies take the next database each time, as Redis's static next_db does.
    final int start = nextDb++ % count;
    for (int k = 0; k < count; k++) {
      final int d = (start + k) % count;
      final Database db = keyspace.database(d);
      if (volatileOnly ? db.volatileCount() == 0 : db.size() == 0) {
        continue;
      }
      for (int i = 0; i < samples; i++) {
        final long record = volatileOnly ? db.sampleVolatile(random) : db.randomKey(random);
        final long score = score(record, now);
        if (score > bestScore) {
          best = record;
          bestDb = d;
          bestScore = score;
        }
        if (policy == Policy.ALLKEYS_RANDOM || policy == Policy.VOLATILE_RANDOM) {
          break;
        }
      }
      if (best != 0 && (policy == Policy.ALLKEYS_RANDOM || policy == Policy.VOLATILE_RANDOM)) {
        break;
      }
    }
    if (best == 0) {
      return false;
    }
    keyspace.evict(bestDb, best);
    return true;
  }

  /** Higher is a better candidate. */
  private long score(final long record, final long now) {
    switch (policy) {
      case ALLKEYS_LRU:
      case VOLATILE_LRU:
        return now - Record.accessTime(record);
      case ALLKEYS_LFU:
      case VOLATILE_LFU:
        return 255 - keyspace.lfuCounter(record);
      case VOLATILE_TTL:
        return -Record.expireAt(record);
      default:
        return 0;
    }
  }
}
