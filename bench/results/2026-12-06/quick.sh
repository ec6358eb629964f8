#!/bin/bash
# quick.sh "label|cmd" ... ; runs each server, then the loads, alternating 2 rounds
LOADS=${LOADS:-"-c 50 -P 16 -n 1000000;-c 50 -P 1 -n 200000"}
TESTS=${TESTS:-set,get,incr,lpush}
ROUNDS=${ROUNDS:-2}
i=0; declare -a PORTS LABELS PIDS
for spec in "$@"; do
  label=${spec%%|*}; cmd=${spec#*|}; port=$((18000+i))
  d=/tmp/quick-$i; rm -rf $d; mkdir -p $d
  (cd $d && exec $cmd --port $port --save '' > $d/log 2>&1) & PIDS[$i]=$!
  PORTS[$i]=$port; LABELS[$i]=$label; i=$((i+1))
done
for p in "${PORTS[@]}"; do for k in $(seq 100); do redis-cli -p $p ping >/dev/null 2>&1 && break; sleep 0.2; done; done
for p in "${PORTS[@]}"; do redis-benchmark -p $p -t $TESTS -c 50 -P 16 -n 500000 -q >/dev/null 2>&1; done
uptime
IFS=';' read -ra LL <<< "$LOADS"
for load in "${LL[@]}"; do for r in $(seq $ROUNDS); do for j in "${!PORTS[@]}"; do
  redis-cli -p ${PORTS[$j]} flushall >/dev/null
  redis-benchmark -p ${PORTS[$j]} -t $TESTS $load -q 2>&1 | tr '\r' '\n' | grep "per second" | sed "s/^/${LABELS[$j]} [$load] r$r /"
done; done; done
uptime
for pid in "${PIDS[@]}"; do kill $pid; done; wait
