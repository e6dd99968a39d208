#!/usr/bin/env bash
# weft's main job on the course samples: installs what is missing, builds,
# then analyzes, builds and runs every sample and prints a table of what
# each tool found.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
BUILD=${WEFT_BUILD_DIR:-build}
# The runtime column comes from `weft c++ --tsan` builds (weft check's
# default), so the course's data races on plain memory (L01, L02_race, L03,
# L05) show at run time too; the samples mostly sleep, so TSan costs little
# here (CPU time of the whole table: 2m24s with --tsan, 2m17s without).
# 180 s: L05 (20 threads, 500,000 list operations each, 10 of them on one
# contended Lock) takes 45-70 s on 2 cores with recording on.
"$BUILD/bin/weft" check --timeout 180 samples
