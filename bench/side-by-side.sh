#!/usr/bin/env bash
# The side-by-side harness in one command: builds the jars, then runs io.rustyredis.bench.SideBySide,
# which starts rusty-redis and Debian's redis-server on free loopback ports with the same
# persistence settings, runs the same redis-benchmark matrix against each alternating A B A B,
# and prints one table (median ops/s, ratio, p50/p99/p99.9) plus bench/results/side-by-side.{txt,csv,png}.
#
#   bench/side-by-side.sh [rounds] [requests]      (defaults: 3 rounds, 200000 requests)
#   MODES=none,everysec,always TESTS=set,get LOADS="-c 50 -P 16 -d 3" bench/side-by-side.sh
#
# Needs redis-server and redis-benchmark (Debian: redis-server, redis-tools).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B package -DskipTests
ARGS=(--rounds "${1:-3}" --requests "${2:-200000}" --modes "${MODES:-none,everysec,always}" --out "${OUT:-bench/results}")
[ -n "${TESTS:-}" ] && ARGS+=(--tests "$TESTS")
[ -n "${LOADS:-}" ] && ARGS+=(--loads "$LOADS")
exec java -cp bench/target/benchmarks.jar io.rustyredis.bench.SideBySide "${ARGS[@]}"
