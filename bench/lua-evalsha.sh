#!/usr/bin/env bash
# EVALSHA of a one-line INCR script with redis-benchmark, rusty-redis and redis-server side by
# side in the same run, alternating A B A B. Prints ops/s and p50/p99 (ms) per round and load.
#
#   bench/lua-evalsha.sh [rounds] [requests]
#
# Needs the jar (mvn -q -B package -DskipTests -pl transport -am), redis-server and redis-benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-2}
REQUESTS=${2:-100000}
JAR=transport/target/rusty-redis.jar
SCRIPT="return redis.call('incr', KEYS[1])"
WORK=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
RUSTY_PORT=$(free_port)
REDIS_PORT=$(free_port)
java -jar "$JAR" --port "$RUSTY_PORT" > "$WORK/rusty.log" 2>&1 & RUSTY_PID=$!
redis-server --port "$REDIS_PORT" --save '' --appendonly no --dir "$WORK" > "$WORK/redis.log" 2>&1 & REDIS_PID=$!
trap 'kill $RUSTY_PID $REDIS_PID 2>/dev/null; rm -rf "$WORK"' EXIT
for port in $RUSTY_PORT $REDIS_PORT; do
  for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.2; done
done
printf '%-6s %-14s %-6s %12s %9s %9s\n' round load server ops_per_s p50_ms p99_ms
for round in $(seq "$ROUNDS"); do
  for load in "-c 50" "-c 50 -P 16"; do
    for server in rusty redis; do
      port=$RUSTY_PORT; [ "$server" = redis ] && port=$REDIS_PORT
      sha=$(redis-cli -p "$port" script load "$SCRIPT")
      # shellcheck disable=SC2086
      line=$(redis-benchmark -p "$port" -n "$REQUESTS" $load --csv evalsha "$sha" 1 counter 2>/dev/null | tail -n 1 | tr -d '"')
      printf '%-6s %-14s %-6s %12s %9s %9s\n' "$round" "$load" "$server" \
        "$(echo "$line" | cut -d, -f2)" "$(echo "$line" | cut -d, -f5)" "$(echo "$line" | cut -d, -f7)"
    done
  done
done
