#!/usr/bin/env bash
# weft's main job on the course samples: installs what is missing, builds,
# then analyzes, builds and runs every sample and prints a table of what
# each tool found.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
BUILD=${WEFT_BUILD_DIR:-build}
"$BUILD/bin/weft" check --timeout 60 samples
