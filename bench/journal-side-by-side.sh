#!/bin/bash
# Side-by-side: rusty-redis appendonly no/everysec/always, then redis-server everysec/always.
JAR=${JAR:-transport/target/rusty-redis.jar}
WORK=${WORK:-/tmp}
freeport() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'; }
waitping() { for i in $(seq 1 600); do r=$(redis-cli -p $1 ping 2>/dev/null); [ "$r" = "PONG" ] && return 0; sleep 0.1; done; return 1; }
bench() {
  echo "== $1 (port $2) uptime: $(uptime | sed 's/.*load/load/')"
  redis-benchmark -p $2 -t set,incr,lpush -n 1000000 -c 50 -P 16 -q 2>&1 | tr '\r' '\n' | grep -v '^$' | grep -v 'rps=' 
  echo "   after: $(uptime | sed 's/.*load/load/')"
}
echo "date: $(date -u) nproc: $(nproc) commit: $(git rev-parse --short HEAD 2>/dev/null)"
for mode in no everysec always; do
  D=$(mktemp -d $WORK/rr-XXXX); P=$(freeport)
  if [ $mode = no ]; then args="--appendonly no"; else args="--appendonly yes --appendfsync $mode"; fi
  java -jar $JAR --port $P --dir $D $args > $D/log 2>&1 &
  PID=$!
  waitping $P || { echo "rusty did not start"; cat $D/log | tail; }
  bench "rusty-redis $args" $P
  kill $PID; wait $PID 2>/dev/null; rm -rf $D
done
for mode in everysec always; do
  D=$(mktemp -d $WORK/redis-XXXX); P=$(freeport)
  redis-server --port $P --save '' --appendonly yes --appendfsync $mode --dir $D --daemonize no > $D/log 2>&1 &
  PID=$!
  waitping $P
  bench "redis-server 7.0.15 --appendonly yes --appendfsync $mode" $P
  kill $PID; wait $PID 2>/dev/null; rm -rf $D
done
