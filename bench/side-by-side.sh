#!/usr/bin/env bash
# Runs the same redis-benchmark matrix against rusty-redis and the real redis-server, alternating
# A B A B on free loopback ports with the same persistence settings (none), and prints one table
# with the median ops/s of each and their ratio.
#
#   bench/side-by-side.sh [rounds] [requests]      (defaults: 3 rounds, 1000000 requests)
#
# Needs redis-server and redis-benchmark (Debian: redis-server, redis-tools).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
REQUESTS=${2:-1000000}
TESTS=${TESTS:-ping,set,get,incr,mset}
JAR=transport/target/rusty-redis.jar

[ -f "$JAR" ] || mvn -q -B package -DskipTests

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
RUSTY_PORT=$(free_port)
REDIS_PORT=$(free_port)
WORK=$(mktemp -d)
trap 'kill $RUSTY_PID $REDIS_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT

java -jar "$JAR" --port "$RUSTY_PORT" > "$WORK/rusty.log" 2>&1 & RUSTY_PID=$!
redis-server --port "$REDIS_PORT" --save '' --appendonly no --dir "$WORK" > "$WORK/redis.log" 2>&1 & REDIS_PID=$!
for port in $RUSTY_PORT $REDIS_PORT; do
  for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.2; done
done

# One redis-benchmark run; prints "test,ops,p50,p99" lines from its CSV output.
run() { redis-benchmark -p "$1" -t "$TESTS" -n "$REQUESTS" $2 --csv 2>/dev/null | tail -n +2 | tr -d '"' | cut -d, -f1,2,5,7; }

declare -A OPS P50 P99
ORDER=()
LOADS=("-c 50 -P 16" "-c 50")
for load in "${LOADS[@]}"; do
  for round in $(seq "$ROUNDS"); do
    for server in rusty redis; do
      port=$RUSTY_PORT; [ "$server" = redis ] && port=$REDIS_PORT
      redis-cli -p "$port" flushall >/dev/null
      while IFS=, read -r test ops p50 p99; do
        k="$load|$test"
        [[ " ${ORDER[*]} " == *" ${k// /:} "* ]] || ORDER+=("${k// /:}")
        OPS["$k|$server"]+="$ops "; P50["$k|$server"]+="$p50 "; P99["$k|$server"]+="$p99 "
      done < <(run "$port" "$load")
    done
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf '%-16s %-12s %12s %12s %6s %9s %9s %9s %9s\n' command load rusty_ops redis_ops ratio rusty_p50 redis_p50 rusty_p99 redis_p99
for entry in "${ORDER[@]}"; do
  k="${entry//:/ }"; load="${k%%|*}"; test="${k#*|}"
  [ -n "${OPS["$k|rusty"]:-}" ] && [ -n "${OPS["$k|redis"]:-}" ] || { echo "$test ($load): missing result" >&2; continue; }
  r=$(echo "${OPS["$k|rusty"]}" | median); d=$(echo "${OPS["$k|redis"]}" | median)
  ratio=$(awk -v a="$r" -v b="$d" 'BEGIN { printf "%.2f", a / b }')
  printf '%-16s %-12s %12s %12s %6s %9s %9s %9s %9s\n' "$test" "$load" "$r" "$d" "$ratio" \
    "$(echo "${P50["$k|rusty"]}" | median)" "$(echo "${P50["$k|redis"]}" | median)" \
    "$(echo "${P99["$k|rusty"]}" | median)" "$(echo "${P99["$k|redis"]}" | median)"
done
