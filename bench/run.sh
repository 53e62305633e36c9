#!/usr/bin/env bash
# Spool and Apache Kafka side by side, driven by Kafka's own perf tools; see bench/README.md.
#   bench/run.sh [--quick] [--runs N] [--only workload[,workload...]]
# Builds Spool's broker and the bench module, fetches Apache Kafka's jars from Maven Central into
# bench/target/kafka-lib, runs every workload on both brokers alternately and prints the report,
# which also goes to bench/target/results.md and (for a run of every workload) bench/RESULTS.md.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

java_cmd="java"
if [ -n "${JAVA_HOME:-}" ]; then
  java_cmd="$JAVA_HOME/bin/java"
fi

echo "Building the broker and bench/, fetching Apache Kafka (mvn -Pbench package)..." >&2
mvn -q -B -Pbench -DskipTests package -pl broker,bench -am >&2

revision="$(git describe --always --dirty 2>/dev/null || echo "unknown revision")"
"$java_cmd" -cp "$root/bench/target/spool-bench.jar" io.spool.bench.sidebyside.SideBySide \
  --root "$root" --command "bench/run.sh${*:+ $*}" --spool-revision "$revision" "$@"

# bench/RESULTS.md gets the new report; the notes written by hand below the marker line (what
# profiling found, where a target is missed and why) are kept after it.
results="$root/bench/RESULTS.md"
notes_marker='<!-- Notes below this line are written by hand; bench/run.sh keeps them when it replaces the report above. -->'
case " $* " in
  *" --only "*) echo "Partial run (--only): bench/RESULTS.md left as it was." >&2 ;;
  *)
    notes="$(awk -v marker="$notes_marker" 'found || $0 == marker { found = 1; print }' "$results" 2>/dev/null || true)"
    cp "$root/bench/target/results.md" "$results"
    if [ -n "$notes" ]; then
      printf '\n%s\n' "$notes" >> "$results"
    fi
    ;;
esac
