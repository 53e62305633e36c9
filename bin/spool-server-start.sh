#!/usr/bin/env bash
# Starts a Spool broker, in the foreground unless -daemon is given.
#   bin/spool-server-start.sh [-daemon] [config/server.properties] [--override key=value ...]
# Builds the broker first when broker/target/spool-broker.jar is missing.
# Environment: JAVA_HOME, SPOOL_HEAP_OPTS (default -Xmx1G -Xms256m), SPOOL_JVM_OPTS, SPOOL_LOG_DIR (daemon output),
#   SPOOL_CDS (default true: keep a class-data sharing archive of the broker's classes, see below).
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

# Class-data sharing (AppCDS): loading ~4000 classes from the jars dominates start-up, and a JVM
# maps them from an archive in a fraction of the time. Java 17 writes an archive only at exit
# (-XX:ArchiveClassesAtExit), so a start without a usable archive dumps one to a file of its own,
# and a later start checks that file (-Xshare:on -XX:+VerifySharedSpaces: a dump cut short by
# kill -9 fails) and renames it into place. An archive belongs to the exact jars and JDK it was
# made from (the .key file); when they change it is ignored and made again. The JVM itself also
# refuses a mismatched archive and loads classes normally, so a bad archive only costs time.
# These options come before SPOOL_JVM_OPTS, so CDS flags given there win.
classpath="$jar:$base_dir/broker/target/lib/*"
cds_opts=()
cds_archive() {
  local dir="$base_dir/broker/target" archive="$base_dir/broker/target/spool-broker.jsa" java_path key candidate_key candidate pid
  [ -w "$dir" ] || return 0
  java_path="$(readlink -f "$(command -v "$java_cmd")")" || return 0
  key="$(ls -l --time-style=+%s "$jar" "$dir"/lib/* "$java_path" "$(dirname "$java_path")/../lib/modules" 2>/dev/null)"
  for candidate_key in "$archive".dump-*.key; do
    [ -f "$candidate_key" ] || continue
    candidate="${candidate_key%.key}"
    pid="${candidate##*.dump-}"
    if [ -d "/proc/$pid" ]; then
      continue # still running; it writes its archive at exit
    fi
    if [ -f "$candidate" ] && [ "$(cat "$candidate_key")" = "$key" ] \
        && "$java_cmd" -Xshare:on -XX:+VerifySharedSpaces -XX:SharedArchiveFile="$candidate" -Xlog:cds*=off \
             -XX:ErrorFile=/dev/null -XX:-CreateCoredumpOnCrash \
             -cp "$classpath" -version > /dev/null 2>&1; then
      mv -f "$candidate" "$archive" && mv -f "$candidate_key" "$archive.key"
    fi
    rm -f "$candidate" "$candidate_key"
  done
  if [ -f "$archive" ] && [ "$(cat "$archive.key" 2>/dev/null)" = "$key" ]; then
    cds_opts=(-XX:SharedArchiveFile="$archive" -Xlog:cds*=off)
  else
    printf '%s' "$key" > "$archive.dump-$BASHPID.key" # the JVM gets this pid: the shell execs it
    cds_opts=(-XX:ArchiveClassesAtExit="$archive.dump-$BASHPID" -Xlog:cds*=off)
  fi
}

heap_opts="${SPOOL_HEAP_OPTS:--Xmx1G -Xms256m}"
jvm_opts="${SPOOL_JVM_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true}"

# Replaces this shell with the broker (so its pid is the broker's). Relative paths in the command
# line (config file, log.dirs) stay relative to the caller's directory.
exec_broker() {
  if [ "${SPOOL_CDS:-true}" = true ]; then
    cds_archive
  fi
  # shellcheck disable=SC2086
  exec "$java_cmd" "${cds_opts[@]}" $heap_opts $jvm_opts -cp "$classpath" io.spool.broker.SpoolServer "$@"
}

if [ "$daemon" = true ]; then
  log_dir="${SPOOL_LOG_DIR:-$base_dir/logs}"
  mkdir -p "$log_dir"
  (trap '' HUP; exec_broker "$@") > "$log_dir/spool-server.out" 2>&1 < /dev/null &
  echo "Spool broker started in the background (pid $!), output in $log_dir/spool-server.out"
else
  exec_broker "$@"
fi
