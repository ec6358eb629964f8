#!/bin/bash
# A spec is "label|java options" (e.g. "new|-jar transport/target/rusty-redis.jar"); the label redis starts redis-server.
# EXTRA="--appendonly yes --appendfsync everysec" gives both servers the same persistence flags.
# ab.sh TEST "LOAD" N ROUNDS "label|javaopts" ... : server cpu µs/op and ops/s, alternating
TEST=$1; LOAD=$2; N=$3; R=$4; shift 4; i=0; PORTS=(); PIDS=(); LABELS=()
for spec in "$@"; do label=${spec%%|*}; opts=${spec#*|}; port=$((18600+i))
  if [ "$label" = redis ]; then mkdir -p ${TMPDIR:-/tmp}/ab-d$i; rm -rf ${TMPDIR:-/tmp}/ab-d$i/*; redis-server --port $port --save "" --dir ${TMPDIR:-/tmp}/ab-d$i ${EXTRA:---appendonly no} > /dev/null 2>&1 & else
  mkdir -p ${TMPDIR:-/tmp}/ab-d$i; rm -rf ${TMPDIR:-/tmp}/ab-d$i/*; java -XX:+UseZGC $opts --port $port --save "" --dir ${TMPDIR:-/tmp}/ab-d$i ${EXTRA:---appendonly no} > ${TMPDIR:-/tmp}/ab-$i.log 2>&1 & fi
  PIDS[$i]=$!; PORTS[$i]=$port; LABELS[$i]=$label; i=$((i+1)); sleep 1.5; done
for p in "${PORTS[@]}"; do for k in $(seq 100); do redis-cli -p $p ping >/dev/null 2>&1 && break; sleep 0.2; done; done
for p in "${PORTS[@]}"; do timeout 120 redis-benchmark -p $p -t $TEST $LOAD -n $N -q >/dev/null 2>&1; done
TCK=$(getconf CLK_TCK)
for r in $(seq $R); do for j in "${!PORTS[@]}"; do
  pid=${PIDS[$j]}; b=$(awk '{print $14+$15}' /proc/$pid/stat)
  out=$(timeout 120 redis-benchmark -p ${PORTS[$j]} -t $TEST $LOAD -n $N -q 2>&1 | tr '\r' '\n' | grep "per second" | tail -1)
  a=$(awk '{print $14+$15}' /proc/$pid/stat)
  echo "${LABELS[$j]} r$r cpu=$(echo "scale=3; ($a-$b)*1000000/$TCK/$N" | bc) $out"
done; done
kill "${PIDS[@]}"; wait
