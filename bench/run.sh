#!/bin/sh
# Builds and runs weft_bench, then reports the trace's bytes per event, then
# runs bench/tsan/run.sh (weft + ThreadSanitizer against plain TSan; skip it
# with WEFT_BENCH_TSAN=0).
# Usage: bench/run.sh [BUILD_DIR] [N]   (default build dir: build)
set -e
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$SRC/build}
N=${2:-200000}
ninja -C "$BUILD" -j2 weft weft_bench >/dev/null
TRACE=${TMPDIR:-/tmp}/weft-bench-$$.wtrace
OUT=$(WEFT_TRACE=$TRACE "$BUILD/bin/weft_bench" "$N")
echo "$OUT"
SIZE=$(stat -c %s "$TRACE")
# The operations' events: those on weft_bench's objects (all named 'bench').
SHOWN=$("$BUILD/bin/weft" trace show "$TRACE" | awk '
  /closed cleanly/ { for (i = 1; i <= NF; i++) if ($i == "records") r = $(i - 1) }
  /'"'"'bench'"'"'/ { e++ }
  END { print r + 0, e + 0 }')
RECORDS=${SHOWN% *}
EVENTS=${SHOWN#* }
# Bytes per event: the whole file (header, names, blocks, clocks included)
# over the operations' events.
echo "trace: $SIZE bytes, $RECORDS records, $EVENTS operation events:" \
  "$(awk "BEGIN { printf \"%.3f\", $SIZE / $EVENTS }") bytes per event"
rm -f "$TRACE"
if [ "${WEFT_BENCH_TSAN:-1}" != 0 ]; then
  "$SRC/bench/tsan/run.sh" "$BUILD"
fi
