#!/usr/bin/env bash
# Installs what weft needs (Debian 12, as root) and builds it into build/.
# Used by scripts/demo.sh and scripts/test.sh; safe to run again (it only
# installs what is missing and rebuilds what changed).
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(clang-19 libclang-19-dev llvm-19-dev llvm-19-tools libclang-rt-19-dev
          libfmt-dev libcereal-dev libgtest-dev cmake ninja-build python3 python3-psutil
          graphviz chromium fonts-wqy-microhei bubblewrap libtomlplusplus-dev)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "weft setup: installing ${missing[*]}" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "weft setup: need root to install packages (or install them yourself)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q "${missing[@]}"
fi

BUILD=${WEFT_BUILD_DIR:-build}
JOBS=${WEFT_JOBS:-$(nproc)}
if [ ! -f "$BUILD/build.ninja" ]; then
  cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >&2
fi
cmake --build "$BUILD" -j "$JOBS" >&2
