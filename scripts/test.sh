#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, runs the lit suite
# (which includes the GoogleTest unit tests), and ends with the plain line
# "N passed, N failed", after a line "N skipped" (a skipped test that should
# run in this build counts as failed too).
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || { echo "0 passed, 1 failed"; exit 1; }
BUILD=${WEFT_BUILD_DIR:-build}
LIT=/usr/lib/llvm-19/build/utils/lit/lit.py
# /usr/bin/python3 has python3-psutil, which lit's --timeout needs.
/usr/bin/python3 "$LIT" -sv --timeout 600 -j "${WEFT_TEST_JOBS:-$(nproc)}" \
  --xunit-xml-output "$BUILD/test-results.xml" "$BUILD/tests" "$BUILD/tests/unit" 2>&1 | tee "$BUILD/test-output.txt"
status=${PIPESTATUS[0]}
analyzer=$(sed -n 's/^WEFT_BUILD_ANALYZER:BOOL=//p' "$BUILD/CMakeCache.txt" 2>/dev/null)
/usr/bin/python3 - "$BUILD/test-results.xml" "$status" "${analyzer:-ON}" <<'PY'
# Counts what lit did. A test lit skipped (UNSUPPORTED: a REQUIRES it lacks)
# counts as a failure when it should run here: every test needs only what
# this build has, so a skip means a missing feature or a broken config. The
# one build that may skip is one configured without the analyzer
# (-DWEFT_BUILD_ANALYZER=OFF), and then only the analyzer's tests.
import sys, xml.etree.ElementTree as ET
path, status, analyzer = sys.argv[1], int(sys.argv[2]), sys.argv[3].upper()
analyzer_built = analyzer in ("ON", "1", "TRUE", "YES")
passed = failed = skipped = 0
wrongly_skipped = []
try:
    root = ET.parse(path).getroot()
    for case in root.iter("testcase"):
        name = "%s :: %s" % (case.get("classname", ""), case.get("name", ""))
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        elif case.find("skipped") is not None:
            skipped += 1
            reason = case.find("skipped").get("message", "")
            if analyzer_built or reason != "Missing required feature(s): analyzer":
                wrongly_skipped.append("%s (%s)" % (name, reason or "skipped"))
        else:
            passed += 1
except Exception as e:
    print("weft test: cannot read %s: %s" % (path, e), file=sys.stderr)
    failed += 1
for name in wrongly_skipped:
    print("weft test: skipped but should run in this build: %s" % name, file=sys.stderr)
failed += len(wrongly_skipped)
if status != 0 and failed == 0:
    failed = 1  # lit failed without a failing test case (e.g. no tests found)
# The skips on a line of their own: the last line stays the plain
# "N passed, N failed" that CI reads.
print("%d skipped" % skipped)
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
