#!/bin/sh
# Reading long traces: time and peak memory (RSS) of `weft trace show`,
# `trace check` and `trace export --format=perfetto` on a trace of about 10
# million events, per 10 million events. With OLD=path/to/weft (another
# build, e.g. one before the streaming reader), the same commands of that
# weft run on the same trace in the same run and the script prints the
# ratios new/old. Not a test: timings are not tests.
# Usage: bench/trace/run.sh [BUILD_DIR] [ROUNDS]   (ROUNDS per thread;
# 2500000 gives about 10 million events)
set -e
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$SRC/build}
ROUNDS=${2:-2500000}
WEFT=$BUILD/bin/weft
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
ninja -C "$BUILD" -j2 weft >/dev/null
"$WEFT" c++ "$SRC/bench/trace/locks.cpp" -o "$DIR/locks"
WEFT_TRACE=$DIR/locks.wtrace "$DIR/locks" "$ROUNDS"
EVENTS=$("$WEFT" trace show --no-times "$DIR/locks.wtrace" | sed -n 's/^(\([0-9]*\) events)$/\1/p')
SIZE=$(stat -c %s "$DIR/locks.wtrace")
echo "trace: $EVENTS events, $SIZE bytes"
# measure NAME CMD...: seconds and peak RSS (MB), and both per 10 million
# events; a command that fails (out of memory) is reported as such.
measure() {
  NAME=$1; shift
  if /usr/bin/time -f "%e %M" -o "$DIR/time" "$@" > /dev/null 2> "$DIR/err"; then
    read SECS KB < "$DIR/time"
    awk -v n="$NAME" -v s="$SECS" -v kb="$KB" -v e="$EVENTS" 'BEGIN {
      printf "%-16s %8.2f s %8.0f MB   per 10M events: %7.2f s %8.0f MB\n",
        n, s, kb / 1024, s * 1e7 / e, kb / 1024 * 1e7 / e }'
    echo "$SECS $KB" > "$DIR/$NAME.m"
  else
    echo "$NAME: failed ($(tail -1 "$DIR/err"))"
  fi
}
for W in new old; do
  if [ $W = new ]; then BIN=$WEFT; else BIN=$OLD; fi
  [ -n "$BIN" ] || continue
  measure "show-$W" "$BIN" trace show "$DIR/locks.wtrace"
  measure "check-$W" "$BIN" trace check "$DIR/locks.wtrace"
  measure "export-$W" "$BIN" trace export "$DIR/locks.wtrace"
done
# The baseline: the same binary doing nothing (its code and libraries).
measure "version" "$WEFT" --version
if [ -n "$OLD" ]; then
  for N in show check export; do
    [ -f "$DIR/$N-new.m" ] && [ -f "$DIR/$N-old.m" ] || continue
    read S K < "$DIR/$N-new.m"
    read OS OK < "$DIR/$N-old.m"
    awk -v n="$N" -v s="$S" -v k="$K" -v os="$OS" -v ok="$OK" 'BEGIN {
      printf "%-8s new/old: time %.2fx, peak memory %.2fx\n", n, s / os, k / ok }'
  done
fi
