#!/bin/sh
# Builds and runs asyncio_bench (weft against a bare coroutine resume and
# the floor of recording), then the same operations in CPython.
# Usage: bench/asyncio/run.sh [BUILD_DIR] [N]
set -e
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$SRC/build}
N=${2:-200000}
ninja -C "$BUILD" -j2 asyncio_bench >/dev/null
TRACE=${TMPDIR:-/tmp}/weft-asyncio-bench-$$.wtrace
WEFT_TRACE=$TRACE "$BUILD/bin/asyncio_bench" "$N"
rm -f "$TRACE"
python3 "$SRC/bench/asyncio/cpython_bench.py" "$N"
