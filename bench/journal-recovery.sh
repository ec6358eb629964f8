#!/bin/bash
# Recovery time of rusty-redis for 10M journaled SETs: journal alone, then after BGREWRITEAOF (base + empty journal).
JAR=${JAR:-transport/target/rusty-redis.jar}
WORK=${WORK:-/tmp}
freeport() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'; }
D=$(mktemp -d $WORK/recovery-XXXX); P=$(freeport)
echo "date: $(date -u) nproc: $(nproc) commit: $(git rev-parse --short HEAD 2>/dev/null) dir $D"
start() {
  local t0=$(date +%s.%N)
  java -jar $JAR --port $P --dir $D --appendonly yes --appendfsync everysec --auto-aof-rewrite-percentage 0 >> $D/log 2>&1 &
  PID=$!
  while [ "$(redis-cli -p $P ping 2>/dev/null)" != "PONG" ]; do sleep 0.05; done
  local t1=$(date +%s.%N)
  echo "start to PONG: $(echo "$t1 - $t0" | bc) s; uptime: $(uptime | sed 's/.*load/load/')"
}
start
echo "writing 10M SETs: $(uptime | sed 's/.*load/load/')"
redis-benchmark -p $P -t set -n 10000000 -r 1000000 -c 50 -P 16 -q 2>&1 | tr '\r' '\n' | grep "per second"
redis-cli -p $P info persistence | grep -E "aof_current_size|aof_base_size"
redis-cli -p $P dbsize
kill $PID; wait $PID
du -sh $D/appendonlydir; cat $D/appendonlydir/appendonly.aof.manifest
echo "restart from the journal alone (10M documents):"
start
redis-cli -p $P dbsize
grep -E "DB loaded" $D/log | tail -1
redis-cli -p $P bgrewriteaof
while redis-cli -p $P info persistence | grep -q "aof_rewrite_in_progress:1"; do sleep 0.2; done
redis-cli -p $P info persistence | grep -E "aof_last_rewrite_time_sec|aof_last_bgrewrite_status|aof_current_size|aof_base_size"
kill $PID; wait $PID
ls -la $D/appendonlydir; cat $D/appendonlydir/appendonly.aof.manifest
redis-check-rdb $D/appendonlydir/*.base.rdb | tail -3
echo "restart from the base (1M keys) + empty journal:"
start
redis-cli -p $P dbsize
grep -E "DB loaded" $D/log | tail -2
kill $PID; wait $PID
rm -rf $D
