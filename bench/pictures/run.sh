#!/bin/sh
# Pictures of a long trace: time and peak memory of `weft trace export`,
# `weft trace graph` and `weft report` against reading the same trace with
# `weft trace show` (the baseline, measured in the same run), per million
# events. Usage: bench/pictures/run.sh [BUILD_DIR] [ROUNDS]
set -e
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$SRC/build}
ROUNDS=${2:-200000}
WEFT=$BUILD/bin/weft
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
ninja -C "$BUILD" -j2 weft >/dev/null
"$WEFT" c++ "$SRC/bench/pictures/lots.cpp" -o "$DIR/lots"
WEFT_TRACE=$DIR/lots.wtrace "$DIR/lots" "$ROUNDS"
EVENTS=$("$WEFT" trace show --no-times "$DIR/lots.wtrace" | sed -n 's/^(\([0-9]*\) events)$/\1/p')
SIZE=$(stat -c %s "$DIR/lots.wtrace")
echo "trace: $EVENTS events, $SIZE bytes"
# measure NAME CMD...: seconds and peak RSS (MB) per million events.
measure() {
  NAME=$1; shift
  /usr/bin/time -f "%e %M" -o "$DIR/time" "$@" > /dev/null 2>&1 || true
  read SECS KB < "$DIR/time"
  awk -v n="$NAME" -v s="$SECS" -v kb="$KB" -v e="$EVENTS" 'BEGIN {
    printf "%-14s %8.2f s %8.0f MB   per million events: %6.3f s %7.1f MB\n",
      n, s, kb / 1024, s * 1e6 / e, kb / 1024 * 1e6 / e }'
  echo "$SECS $KB" > "$DIR/$NAME.m"
}
measure "show" "$WEFT" trace show "$DIR/lots.wtrace"
measure "export" "$WEFT" trace export "$DIR/lots.wtrace" -o "$DIR/lots.json"
measure "graph" "$WEFT" trace graph "$DIR/lots.wtrace" -o "$DIR/lots.dot"
measure "report" "$WEFT" report "$DIR/lots.wtrace" -o "$DIR/lots.html"
read BS BK < "$DIR/show.m"
for N in export graph report; do
  read S K < "$DIR/$N.m"
  awk -v n="$N" -v s="$S" -v k="$K" -v bs="$BS" -v bk="$BK" 'BEGIN {
    printf "%-14s / show: time %.2fx, peak memory %.2fx\n", n, s / bs, k / bk }'
done
