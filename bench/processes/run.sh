#!/bin/sh
# Builds and runs proc_bench (weft against plain system calls, same run),
# then the same programs in CPython's multiprocessing as a second column.
# Usage: bench/processes/run.sh [BUILD_DIR] [N] [M]  (default: build, 100000, 200)
set -e
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$SRC/build}
N=${2:-100000}
M=${3:-200}
ninja -C "$BUILD" -j2 proc_bench >/dev/null
T=${TMPDIR:-/tmp}/weft-proc-bench-$$
WEFT_TRACE=$T.wtrace "$BUILD/bin/proc_bench" "$N" "$M"
rm -f "$T".wtrace*
echo "CPython multiprocessing (fork), same sizes:"
python3 "$SRC/bench/processes/cpython.py" "$N" "$M"
