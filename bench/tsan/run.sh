#!/bin/sh
# Builds tsan_bench five ways (bench/tsan/CMakeLists.txt) and runs each
# workload REPS times in each build, the builds in turn (rotating the order
# from one repetition to the next so that load changes hit all of them).
# Prints the median seconds of each and the ratios (bench/README.md,
# "ThreadSanitizer"), floor/tsan among them: plain TSan plus only the stores
# of weft's records, the least any recorder can add. Exits 1 if a run fails
# or reports a finding.
# Usage: bench/tsan/run.sh [BUILD_DIR] [REPS] [SCALE]  (build, 5, 1)
set -e
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$SRC/build}
REPS=${2:-5}
SCALE=${3:-1}
ninja -C "$BUILD" -j2 tsan_bench >/dev/null
BIN=$BUILD/bin/tsan_bench
T=${TMPDIR:-/tmp}/weft-tsan-bench-$$
: > "$T.times"
R=0
while [ "$R" -lt "$REPS" ]; do
  for W in counter queue threads; do
    case $((R % 5)) in
      0) ORDER="weft_tsan std_tsan weft std floor_tsan" ;;
      1) ORDER="std_tsan weft std floor_tsan weft_tsan" ;;
      2) ORDER="weft std floor_tsan weft_tsan std_tsan" ;;
      3) ORDER="std floor_tsan weft_tsan std_tsan weft" ;;
      *) ORDER="floor_tsan weft_tsan std_tsan weft std" ;;
    esac
    for V in $ORDER; do
      # The weft builds record a trace as usual; TSan's log (if any) and
      # the trace go to temporary files.
      if ! OUT=$(WEFT_TRACE=$T.wtrace WEFT_TSAN_LOG=$T.log \
                 "${BIN}_$V" "$W" "$SCALE"); then
        echo "tsan_bench_$V $W failed (a finding, or a wrong result):" >&2
        cat "$T".log.* >&2 2>/dev/null || true
        rm -f "$T".*
        exit 1
      fi
      echo "$V $OUT" >> "$T.times"
      rm -f "$T.wtrace"
    done
  done
  R=$((R + 1))
done
awk -v reps="$REPS" -v scale="$SCALE" '
  { n = ++count[$2, $1]; t[$2, $1, n] = $3 }
  function median(w, v,   n, i, j, a, x) {
    n = count[w, v]
    for (i = 1; i <= n; i++) a[i] = t[w, v, i]
    for (i = 2; i <= n; i++)
      for (j = i; j > 1 && a[j - 1] > a[j]; j--) { x = a[j]; a[j] = a[j - 1]; a[j - 1] = x }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  END {
    printf "tsan_bench: median of %d runs each (scale %s), seconds\n", reps, scale
    printf "%-8s %9s %9s %9s %9s %9s | %9s %11s %9s %9s %9s %9s\n", "workload",
      "weft+tsan", "tsan", "floor", "weft", "std", "wt/tsan", "floor/tsan",
      "wt/floor", "wt/weft", "weft/std", "tsan/std"
    split("counter queue threads", ws, " ")
    for (k = 1; k <= 3; k++) {
      w = ws[k]
      wt = median(w, "weft_tsan"); st = median(w, "std_tsan")
      wp = median(w, "weft"); sp = median(w, "std"); fl = median(w, "floor_tsan")
      printf "%-8s %9.3f %9.3f %9.3f %9.3f %9.3f | %8.2fx %10.2fx %8.2fx %8.2fx %8.2fx %8.2fx\n",
        w, wt, st, fl, wp, sp, wt / st, fl / st, wt / fl, wt / wp, wp / sp, st / sp
      extra[k] = sprintf("%-8s weft+tsan - tsan = %6.3f s   weft - std = %6.3f s", w, wt - st, wp - sp)
    }
    print "target: weft+tsan / tsan <= 1.2x (floor/tsan: the stores of the records alone;"
    print "wt/floor: weft+tsan against that floor, what weft adds beyond any per-event trace)."
    print "What weft adds, with and without TSan:"
    for (k = 1; k <= 3; k++) print extra[k]
  }' "$T.times"
rm -f "$T".*
