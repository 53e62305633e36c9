#!/usr/bin/env bash
# Starts a Spool broker, in the foreground unless -daemon is given.
#   bin/spool-server-start.sh [-daemon] [config/server.properties] [--override key=value ...]
# Builds the broker first when broker/target/spool-broker.jar is missing.
# Environment: JAVA_HOME, SPOOL_HEAP_OPTS (default -Xmx1G -Xms256m), SPOOL_JVM_OPTS, SPOOL_LOG_DIR (daemon output).
set -euo pipefail

base_dir="$(cd "$(dirname "$0")/.." && pwd)"
jar="$base_dir/broker/target/spool-broker.jar"

daemon=false
if [ "${1:-}" = "-daemon" ]; then
  daemon=true
  shift
fi

if [ ! -f "$jar" ] || [ ! -d "$base_dir/broker/target/lib" ]; then
  echo "Building the broker (mvn -q -DskipTests package -pl broker -am)..." >&2
  (cd "$base_dir" && mvn -q -DskipTests package -pl broker -am) >&2
fi

java_cmd="java"
if [ -n "${JAVA_HOME:-}" ]; then
  java_cmd="$JAVA_HOME/bin/java"
fi

heap_opts="${SPOOL_HEAP_OPTS:--Xmx1G -Xms256m}"
jvm_opts="${SPOOL_JVM_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true}"

# Relative paths in the command line (config file, log.dirs) stay relative to the caller's directory.
# shellcheck disable=SC2086
cmd=("$java_cmd" $heap_opts $jvm_opts -cp "$jar:$base_dir/broker/target/lib/*" io.spool.broker.SpoolServer "$@")

if [ "$daemon" = true ]; then
  log_dir="${SPOOL_LOG_DIR:-$base_dir/logs}"
  mkdir -p "$log_dir"
  nohup "${cmd[@]}" > "$log_dir/spool-server.out" 2>&1 < /dev/null &
  echo "Spool broker started in the background (pid $!), output in $log_dir/spool-server.out"
else
  exec "${cmd[@]}"
fi
