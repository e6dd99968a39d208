#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, runs the lit suite
# (which includes the GoogleTest unit tests), and ends with the plain line
# "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || { echo "0 passed, 1 failed"; exit 1; }
BUILD=${WEFT_BUILD_DIR:-build}
LIT=/usr/lib/llvm-19/build/utils/lit/lit.py
# /usr/bin/python3 has python3-psutil, which lit's --timeout needs.
/usr/bin/python3 "$LIT" -sv --timeout 600 -j "${WEFT_TEST_JOBS:-$(nproc)}" \
  --xunit-xml-output "$BUILD/test-results.xml" "$BUILD/tests" "$BUILD/tests/unit" 2>&1 | tee "$BUILD/test-output.txt"
status=${PIPESTATUS[0]}
/usr/bin/python3 - "$BUILD/test-results.xml" "$status" <<'PY'
import sys, xml.etree.ElementTree as ET
path, status = sys.argv[1], int(sys.argv[2])
passed = failed = 0
try:
    root = ET.parse(path).getroot()
    for case in root.iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        elif case.find("skipped") is None:
            passed += 1
except Exception as e:
    print("weft test: cannot read %s: %s" % (path, e), file=sys.stderr)
    failed += 1
if status != 0 and failed == 0:
    failed = 1  # lit failed without a failing test case (e.g. no tests found)
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
