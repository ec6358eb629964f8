#!/bin/bash
# Recovery time of redis-server 7.0.15 for the same 10M SETs with appendonly yes (no rewrite meanwhile).
WORK=${WORK:-/tmp}
freeport() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'; }
D=$(mktemp -d $WORK/redisrec-XXXX); P=$(freeport)
echo "date: $(date -u) redis-server 7.0.15 dir $D"
redis-server --port $P --save '' --appendonly yes --appendfsync everysec --auto-aof-rewrite-percentage 0 --dir $D --daemonize no > $D/log 2>&1 &
PID=$!
while [ "$(redis-cli -p $P ping 2>/dev/null)" != "PONG" ]; do sleep 0.05; done
redis-benchmark -p $P -t set -n 10000000 -r 1000000 -c 50 -P 16 -q 2>&1 | tr '\r' '\n' | grep "per second"
redis-cli -p $P info persistence | grep -E "aof_current_size"
kill $PID; wait $PID
ls -la $D/appendonlydir
t0=$(date +%s.%N)
redis-server --port $P --save '' --appendonly yes --appendfsync everysec --auto-aof-rewrite-percentage 0 --dir $D --daemonize no >> $D/log 2>&1 &
PID=$!
while [ "$(redis-cli -p $P ping 2>/dev/null)" != "PONG" ]; do sleep 0.05; done
t1=$(date +%s.%N)
echo "redis start to PONG: $(echo "$t1 - $t0" | bc) s; uptime: $(uptime | sed 's/.*load/load/')"
redis-cli -p $P dbsize
grep -E "DB loaded|Done loading" $D/log | tail -2
kill $PID; wait $PID; rm -rf $D
