#!/bin/bash
# client-cpu.sh [rounds]: how much CPU redis-benchmark itself uses against each server, SET at
# -c 50 -P 16 and -P 1, in one run (A B A B). Run from the repository root after building.
R=${1:-2}
redis-server --port 18711 --save '' --appendonly no > /dev/null 2>&1 & RS=$!
java -XX:+UseZGC -jar transport/target/rusty-redis.jar --port 18710 --save '' > /dev/null 2>&1 & RR=$!
for p in 18710 18711; do for k in $(seq 100); do redis-cli -p $p ping > /dev/null 2>&1 && break; sleep 0.2; done; done
for p in 18710 18711; do redis-benchmark -p $p -t set,get -c 50 -P 16 -n 1000000 -q > /dev/null; done
nproc; uptime
for r in $(seq $R); do for p in 18710 18711; do for L in "-P 16 -n 3000000" "-P 1 -n 300000"; do
  name=$([ $p = 18710 ] && echo rusty-redis || echo redis-server)
  out=$( { /usr/bin/time -f "client %e s wall %U s user %S s sys %P cpu" redis-benchmark -p $p -t set -c 50 $L -q | tr '\r' '\n' | grep "per second" | tail -1; } 2>&1 | tr '\n' ' ')
  echo "$name r$r [-c 50 $L] $out"
done; done; done
kill $RS $RR; wait
