#!/bin/sh
# Runs gene with --perf-map and prints the map it wrote (/tmp/perf-PID.map), then removes it.
gene=$1
prog=$2
"$gene" run --jit --jit-threshold=0 --jit-sync --perf-map "$prog" >/dev/null &
pid=$!
wait $pid
cat "/tmp/perf-$pid.map"
rm -f "/tmp/perf-$pid.map"
