#!/usr/bin/env bash
# Stops running Spool brokers with SIGTERM (they close their logs cleanly), like Kafka's stop script.
#   bin/spool-server-stop.sh
# Only java processes whose main class is io.spool.broker.SpoolServer are signalled.
set -euo pipefail

pids=$(ps ax -o pid= -o args= | awk '/[j]ava/ && /io\.spool\.broker\.SpoolServer/ {print $1}')

if [ -z "$pids" ]; then
  echo "No Spool broker to stop"
  exit 1
fi
# shellcheck disable=SC2086
kill -s TERM $pids
