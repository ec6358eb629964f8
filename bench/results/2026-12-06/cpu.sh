#!/bin/bash
# cpu.sh port serverpid "bench args": prints ops/s and CPU% of server and redis-benchmark
PORT=$1; SPID=$2; ARGS=$3
ticks() { awk '{print $14+$15}' /proc/$1/stat; }
redis-benchmark -p $PORT $ARGS -q > /tmp/cpu-out.txt 2>&1 & BPID=$!
sleep 1
s0=$(ticks $SPID); b0=$(ticks $BPID); t0=$(date +%s.%N)
sleep 4
s1=$(ticks $SPID); b1=$(ticks $BPID); t1=$(date +%s.%N)
wait $BPID
python3 -c "
dt=$t1-$t0
print('server %.0f%%  bench %.0f%%'%(($s1-$s0)/dt, ($b1-$b0)/dt))"
tr '\r' '\n' < /tmp/cpu-out.txt | grep 'per second' | tail -1
