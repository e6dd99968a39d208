#!/bin/sh
# Builds bench/plain/plain_bench.cpp three ways and runs each workload
# (bench/plain/plain_bench.cpp; bench/README.md, "Plain programs"):
#   std    clang++-19 -O1 -g -pthread, nothing else
#   floor  the same plus the floor of recording's stores (bench/floor)
#   weft   `weft c++ --plain` (std::mutex & co. on weft's runtime)
# and prints ns per operation and the ratios weft/std and weft/floor.
# Usage: bench/plain/run.sh [BUILD_DIR]   (build)
set -e
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$SRC/build}
ninja -C "$BUILD" -j2 weft weft_runtime weft_interpose >/dev/null
T=${TMPDIR:-/tmp}/weft-plain-bench-$$
mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
B=$SRC/bench/plain/plain_bench.cpp
clang++-19 -std=c++20 -O1 -g -pthread "$B" -o "$T/std"
clang++-19 -std=c++20 -O1 -g -pthread -DWEFT_FLOOR -I"$SRC/bench" "$B" \
  "$SRC/bench/floor/FloorTrace.cpp" -o "$T/floor"
"$BUILD/bin/weft" c++ --plain "$B" -o "$T/weft"
printf '%-10s %10s %10s %10s %10s %10s\n' workload std floor weft weft/std weft/floor
for W in mutex pingpong threads; do
  S=$("$T/std" $W)
  F=$("$T/floor" $W)
  X=$(WEFT_TRACE=$T/w.wtrace "$T/weft" $W)
  rm -f "$T/w.wtrace"
  printf '%-10s %8s ns %8s ns %8s ns %9sx %9sx\n' $W "$S" "$F" "$X" \
    "$(echo "scale=2; $X / $S" | bc)" "$(echo "scale=2; $X / $F" | bc)"
done
