#!/usr/bin/env bash
# What metrics and ACL checks cost: two rusty-redis servers side by side in the same run,
# alternating A B A B, the same redis-benchmark load against each.
#   off: latency-tracking no (no per-command or per-stage histograms), clients on the default
#        user, which may do everything and so skips the permission check;
#   on:  latency-tracking yes, the Prometheus endpoint open (metrics-port) and scraped once a
#        second, clients authenticated as a restricted ACL user (key patterns and categories), so
#        every command is checked against its command bits and each key against the patterns
#        (CONFIG GET is allowed because redis-benchmark asks for the server's config first).
# Prints ops/s and p50/p99 (ms) per round, then the medians and the ratio on/off.
#
#   bench/ops-overhead.sh [rounds] [requests]      (defaults: 3 rounds, 500000 requests)
#
# Needs the jar (mvn -q -B package -DskipTests -pl transport -am), redis-benchmark and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
REQUESTS=${2:-500000}
LOAD=${LOAD:--c 50 -P 16}
JAR=transport/target/rusty-redis.jar
WORK=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
OFF_PORT=$(free_port)
ON_PORT=$(free_port)
METRICS_PORT=$(free_port)
java -jar "$JAR" --port "$OFF_PORT" --dir "$WORK" --latency-tracking no > "$WORK/off.log" 2>&1 & OFF_PID=$!
java -jar "$JAR" --port "$ON_PORT" --dir "$WORK" --latency-tracking yes --metrics-port "$METRICS_PORT" \
  > "$WORK/on.log" 2>&1 & ON_PID=$!
SCRAPER_PID=
trap 'kill $OFF_PID $ON_PID $SCRAPER_PID 2>/dev/null; rm -rf "$WORK"' EXIT
for port in $OFF_PORT $ON_PORT; do
  for _ in $(seq 100); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.2; done
done
redis-cli -p "$ON_PORT" acl setuser bench on '>benchpw' '~key:*' '~counter:*' '+@read' '+@write' '+@connection' \
  '-@dangerous' '+config|get' '&*' > /dev/null
(while true; do curl -s "http://127.0.0.1:$METRICS_PORT/metrics" > /dev/null || true; sleep 1; done) & SCRAPER_PID=$!

# One discarded pass per server first, so neither is measured while its JIT warms up.
for port in $OFF_PORT $ON_PORT; do
  auth=(); [ "$port" = "$ON_PORT" ] && auth=(--user bench -a benchpw)
  redis-benchmark -p "$port" "${auth[@]}" -n "$REQUESTS" $LOAD -t set,get -q > /dev/null 2>&1
done
printf '%-6s %-5s %-4s %12s %9s %9s\n' round test mode ops_per_s p50_ms p99_ms | tee "$WORK/rows"
for round in $(seq "$ROUNDS"); do
  for test in set get; do
    for mode in off on; do
      port=$OFF_PORT; auth=()
      [ "$mode" = on ] && port=$ON_PORT && auth=(--user bench -a benchpw)
      # shellcheck disable=SC2086
      line=$(redis-benchmark -p "$port" "${auth[@]}" -n "$REQUESTS" $LOAD -t "$test" --csv 2>/dev/null \
        | tail -n 1 | tr -d '"')
      printf '%-6s %-5s %-4s %12s %9s %9s\n' "$round" "$test" "$mode" \
        "$(echo "$line" | cut -d, -f2)" "$(echo "$line" | cut -d, -f5)" "$(echo "$line" | cut -d, -f7)" \
        | tee -a "$WORK/rows"
    done
  done
done
echo
echo "medians ($LOAD, $REQUESTS requests, $ROUNDS rounds):"
for test in set get; do
  off=$(awk -v t="$test" '$2==t && $3=="off" {print $4}' "$WORK/rows" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  on=$(awk -v t="$test" '$2==t && $3=="on" {print $4}' "$WORK/rows" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%-5s off %12s  on %12s  on/off %.3f\n' "$test" "$off" "$on" "$(echo "$on / $off" | bc -l)"
done
echo "ACL denials seen by the on server (should be 0): $(redis-cli -p "$ON_PORT" acl log | grep -c reason || true)"
