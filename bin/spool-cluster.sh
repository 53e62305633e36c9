#!/usr/bin/env bash
# A local Spool cluster on loopback: one ZooKeeper and N brokers, each with its own port and data directory.
#   bin/spool-cluster.sh start N     starts ZooKeeper and brokers 1..N, prints the bootstrap string
#   bin/spool-cluster.sh stop        stops exactly the processes `start` started (brokers first, ZooKeeper last)
#   bin/spool-cluster.sh status      shows which of them run
# Everything lives in SPOOL_CLUSTER_DIR (default ./data/spool-cluster): zoo.cfg, ZooKeeper's data, each broker's
# log.dirs (broker-<id>/), their output (*.out) and pid files (*.pid).
# Ports: ZooKeeper from 12181, brokers from 19092 (node.id i on the i-th free port), all on 127.0.0.1.
# Builds the broker first when broker/target/spool-broker.jar is missing. Environment as bin/spool-server-start.sh.
set -euo pipefail

base_dir="$(cd "$(dirname "$0")/.." && pwd)"
cluster_dir="${SPOOL_CLUSTER_DIR:-data/spool-cluster}"
mkdir -p "$cluster_dir"
cluster_dir="$(cd "$cluster_dir" && pwd)"
start_timeout_s=120
stop_timeout_s=60

usage() {
  echo "usage: $0 start N | stop | status" >&2
  exit 2
}

java_cmd() {
  if [ -n "${JAVA_HOME:-}" ]; then echo "$JAVA_HOME/bin/java"; else echo java; fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Prints the first port from $1 on that nobody listens on and that is not in the list $2.
free_port() {
  local port=$1
  while port_in_use "$port" || [[ " $2 " == *" $port "* ]]; do
    port=$((port + 1))
  done
  echo "$port"
}

# True if the pid file names a live process started for this cluster (its command line names the cluster dir),
# so a recycled pid is never signalled.
ours() {
  local pid_file=$1 pid
  [ -f "$pid_file" ] || return 1
  pid=$(cat "$pid_file")
  [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF "$cluster_dir"
}

stop_process() {
  local name=$1 pid_file="$cluster_dir/$1.pid" pid waited=0
  if ! ours "$pid_file"; then
    rm -f "$pid_file"
    return 0
  fi
  pid=$(cat "$pid_file")
  kill -TERM "$pid"
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$waited" -ge "$stop_timeout_s" ]; then
      echo "$name (pid $pid) ignored SIGTERM for ${stop_timeout_s}s, killing it" >&2
      kill -KILL "$pid"
      break
    fi
    sleep 1
    waited=$((waited + 1))
  done
  rm -f "$pid_file"
  echo "stopped $name (pid $pid)"
}

stop_all() {
  local f
  for f in "$cluster_dir"/broker-*.pid; do
    [ -e "$f" ] || continue
    stop_process "$(basename "$f" .pid)" &
  done
  wait
  stop_process zookeeper
}

start_zookeeper() {
  local port=$1
  mkdir -p "$cluster_dir/zookeeper"
  cat > "$cluster_dir/zoo.cfg" <<EOF
# written by bin/spool-cluster.sh
tickTime=2000
dataDir=$cluster_dir/zookeeper
clientPort=$port
clientPortAddress=127.0.0.1
admin.enableServer=false
EOF
  nohup "$(java_cmd)" -Xmx256m -cp "$base_dir/broker/target/lib/*" \
    org.apache.zookeeper.server.ZooKeeperServerMain "$cluster_dir/zoo.cfg" \
    > "$cluster_dir/zookeeper.out" 2>&1 < /dev/null &
  echo $! > "$cluster_dir/zookeeper.pid"
  local waited=0
  until port_in_use "$port"; do
    if ! kill -0 "$(cat "$cluster_dir/zookeeper.pid")" 2>/dev/null || [ "$waited" -ge "$start_timeout_s" ]; then
      echo "ZooKeeper did not start; its output ($cluster_dir/zookeeper.out):" >&2
      tail -n 30 "$cluster_dir/zookeeper.out" >&2
      return 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
  echo "ZooKeeper listening on 127.0.0.1:$port"
}

start_broker() {
  local id=$1 port=$2 zk_port=$3 replication=$4 min_isr=$5
  mkdir -p "$cluster_dir/broker-$id"
  # log.dirs names the cluster dir, which is how stop recognises the process as ours.
  nohup "$base_dir/bin/spool-server-start.sh" "$base_dir/config/server.properties" \
    --override "node.id=$id" \
    --override "listeners=PLAINTEXT://127.0.0.1:$port" \
    --override "log.dirs=$cluster_dir/broker-$id" \
    --override "zookeeper.connect=127.0.0.1:$zk_port" \
    --override "default.replication.factor=$replication" \
    --override "offsets.topic.replication.factor=$replication" \
    --override "min.insync.replicas=$min_isr" \
    > "$cluster_dir/broker-$id.out" 2>&1 < /dev/null &
  echo $! > "$cluster_dir/broker-$id.pid"
}

await_broker() {
  local id=$1 pid waited=0
  pid=$(cat "$cluster_dir/broker-$id.pid")
  until grep -q "^Spool started: listening on" "$cluster_dir/broker-$id.out" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null || [ "$waited" -ge "$start_timeout_s" ]; then
      echo "broker $id did not start; its output ($cluster_dir/broker-$id.out):" >&2
      tail -n 30 "$cluster_dir/broker-$id.out" >&2
      return 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
  grep "^Spool started: listening on" "$cluster_dir/broker-$id.out" | tail -n 1
}

start_cluster() {
  local size=$1 f
  [[ "$size" =~ ^[1-9][0-9]*$ ]] || usage
  for f in "$cluster_dir"/*.pid; do
    if [ -e "$f" ] && ours "$f"; then
      echo "a cluster already runs from $cluster_dir (see $0 status); stop it first" >&2
      exit 1
    fi
  done
  if [ ! -f "$base_dir/broker/target/spool-broker.jar" ] || [ ! -d "$base_dir/broker/target/lib" ]; then
    echo "Building the broker (mvn -q -DskipTests package -pl broker -am)..." >&2
    (cd "$base_dir" && mvn -q -DskipTests package -pl broker -am) >&2
  fi
  local replication=$((size < 3 ? size : 3))
  local min_isr=$((replication > 1 ? replication - 1 : 1))
  local zk_port taken="" port bootstrap="" id
  zk_port=$(free_port 12181 "")
  trap 'echo "start failed, stopping what was started" >&2; stop_all' ERR
  start_zookeeper "$zk_port"
  port=19092
  for id in $(seq 1 "$size"); do
    port=$(free_port "$port" "$taken")
    taken="$taken $port"
    start_broker "$id" "$port" "$zk_port" "$replication" "$min_isr"
    bootstrap="${bootstrap:+$bootstrap,}127.0.0.1:$port"
  done
  for id in $(seq 1 "$size"); do
    await_broker "$id"
  done
  trap - ERR
  echo "$size brokers up (replication factor $replication, min.insync.replicas $min_isr); output in $cluster_dir"
  echo "bootstrap: $bootstrap"
}

status() {
  local f name any=false
  for f in "$cluster_dir"/zookeeper.pid "$cluster_dir"/broker-*.pid; do
    [ -e "$f" ] || continue
    any=true
    name=$(basename "$f" .pid)
    if ours "$f"; then echo "$name: running (pid $(cat "$f"))"; else echo "$name: not running"; fi
  done
  if [ "$any" = false ]; then
    echo "no cluster started from $cluster_dir"
  fi
}

case "${1:-}" in
  start) [ $# -eq 2 ] || usage; start_cluster "$2" ;;
  stop) stop_all ;;
  status) status ;;
  *) usage ;;
esac
