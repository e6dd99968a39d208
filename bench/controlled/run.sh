#!/bin/sh
# Builds and runs sched_bench natively and under each strategy, then times
# `weft explore` (one process per schedule) on the same program.
# Usage: bench/controlled/run.sh [BUILD_DIR] [ROUNDS]  (default: build, 1000)
set -e
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$SRC/build}
N=${2:-1000}
ninja -C "$BUILD" -j2 weft sched_bench >/dev/null
BIN=$BUILD/bin/sched_bench
T=${TMPDIR:-/tmp}/weft-sched-bench-$$
WEFT_TRACE=$T.wtrace "$BIN" "$N"
for S in random:1 pct:3:1:60 rr; do
  WEFT_TRACE=$T.wtrace WEFT_SCHEDULE=$S "$BIN" "$N"
done
# End to end: one process per schedule (exec, runtime start, trace file).
RUNS=200
START=$(date +%s.%N)
"$BUILD/bin/weft" explore --runs $RUNS "$BIN" 1 >/dev/null 2>&1 || true
END=$(date +%s.%N)
awk "BEGIN { printf \"weft explore: %.0f schedules/s (one process each, $RUNS runs)\n\", $RUNS / ($END - $START) }"
rm -f "$T.wtrace"
