#!/usr/bin/env bash
# JMH microbenchmarks of Spool's hot paths (codec, batch CRC/validation, offset index); see bench/README.md.
#   bench/jmh.sh [JMH arguments]     e.g. bench/jmh.sh CodecBenchmark -f 1 -wi 2 -i 3
# With no arguments, runs them all with each benchmark's own settings.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

java_cmd="java"
if [ -n "${JAVA_HOME:-}" ]; then
  java_cmd="$JAVA_HOME/bin/java"
fi

echo "Building bench/ (mvn -Pbench package)..." >&2
mvn -q -B -Pbench -DskipKafkaDist=true -DskipTests package -pl bench -am >&2

exec "$java_cmd" -cp "$root/bench/target/spool-bench.jar:$root/bench/target/lib/*" org.openjdk.jmh.Main \
  -rf text -rff "$root/bench/target/jmh-results.txt" "$@"
