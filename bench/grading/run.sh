#!/bin/sh
# What the sandbox of `weft grade` costs, and how fast a class is graded.
# Usage: bench/grading/run.sh [BUILD_DIR] [RUNS] [SUBMISSIONS] [SCHEDULES]
#        (default: build, 200, 50, 20)
#
# 1. Per-run overhead: one submission (samples/grading/withdraw's correct
#    one), one test, RUNS schedules, no static analysis; graded in the
#    sandbox and with --unsafe-no-sandbox, alternately, 3 times each. The
#    overhead per run is (best sandboxed - best unsandboxed) / (RUNS + 2):
#    the same build and runs, only the sandbox differs.
# 2. Throughput: SUBMISSIONS generated submissions (the withdraw samples
#    that build, cycled, each with its own comment so no two are the same
#    file) x SCHEDULES schedules for each of the assignment's 3 tests,
#    --jobs 2 (this machine has 2 cores), with static analysis.
set -e
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$SRC/build}
RUNS=${2:-200}
SUBS=${3:-50}
SCHED=${4:-20}
WEFT=$BUILD/bin/weft
ninja -C "$BUILD" -j2 weft >/dev/null
T=${TMPDIR:-/tmp}/weft-grade-bench-$$
mkdir -p "$T/one" "$T/class" "$T/assign"
trap 'rm -rf "$T"' EXIT
SAMPLE=$SRC/samples/grading/withdraw

cat > "$T/one/assignment.toml" <<TOML
[assignment]
analyze = false
schedules = $RUNS
[[tests]]
name = "two withdrawals"
args = ["100", "80", "80"]
expected = "balance: 20\n"
TOML
ms() { echo $(( $(date +%s%N) / 1000000 )); }
best_box=0; best_raw=0
for i in 1 2 3; do
  for mode in box raw; do
    flag=; [ $mode = raw ] && flag=--unsafe-no-sandbox
    s=$(ms)
    "$WEFT" grade --quiet $flag --assignment "$T/one" --out "$T/out-$mode" \
      "$SAMPLE/submissions/correct" >/dev/null 2>&1
    d=$(( $(ms) - s ))
    if [ $mode = box ]; then
      [ $best_box = 0 ] || [ $d -lt $best_box ] && best_box=$d
    else
      [ $best_raw = 0 ] || [ $d -lt $best_raw ] && best_raw=$d
    fi
  done
done
runs=$((RUNS + 2)) # the schedules, the native run, the build
echo "sandbox: $runs runs in ${best_box} ms sandboxed, ${best_raw} ms not (best of 3)"
awk -v b="$best_box" -v r="$best_raw" -v n="$runs" 'BEGIN {
  printf "sandbox overhead: %.1f ms per run (target: under 10 ms); ratio %.2fx\n",
         (b - r) / n, b / r }'

i=0
set -- correct racy deadlock no-release
while [ $i -lt "$SUBS" ]; do
  for s in "$@"; do
    [ $i -lt "$SUBS" ] || break
    mkdir -p "$T/class/s$i"
    { echo "// generated submission $i"; cat "$SAMPLE/submissions/$s/bank.cpp"; } \
      > "$T/class/s$i/bank.cpp"
    i=$((i + 1))
  done
done
sed "s/^schedules = .*/schedules = $SCHED/" "$SAMPLE/assignment.toml" > "$T/assign/assignment.toml"
cp -r "$SAMPLE/tests" "$T/assign/tests"
s=$(ms)
"$WEFT" grade --quiet --jobs 2 --assignment "$T/assign" --out "$T/graded" "$T"/class/s* >/dev/null 2>&1
d=$(( $(ms) - s ))
awk -v d="$d" -v n="$SUBS" -v k="$SCHED" 'BEGIN {
  runs = n * 3 * (k + 1)
  printf "throughput: %d submissions x 3 tests x (%d schedules + native) = %d runs in %.1f s: %.1f submissions/min, %.1f runs/s (with builds and analysis)\n",
         n, k, runs, d / 1000, n / (d / 60000), runs / (d / 1000) }'
