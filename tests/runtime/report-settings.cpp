// The runtime's environment settings: WEFT_EXITCODE, WEFT_REPORT=json|off,
// WEFT_TRACE, and bad values (a clear message, then the default).
// RUN: %weft c++ %s -o %t
// RUN: %expect-exit 3 env WEFT_EXITCODE=3 %t 2>&1 | FileCheck %s --check-prefix=TEXT --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %expect-exit 66 env WEFT_REPORT=json %t 2>%t.json
// RUN: %python -c "import json,sys; d=json.load(open(sys.argv[1])); f=d['findings']; print(len(f), f[0]['rule'], f[0]['severity'], f[0]['line'], f[0]['related'][0]['line'])" %t.json | FileCheck %s --check-prefix=JSON
// RUN: %expect-exit 66 env WEFT_REPORT=sarif %t 2>%t.sarif
// RUN: %python -c "import json,sys; d=json.load(open(sys.argv[1])); print(d['version'], d['runs'][0]['results'][0]['ruleId'])" %t.sarif | FileCheck %s --check-prefix=SARIF
// RUN: rm -f %t.wtrace
// RUN: %expect-exit 66 env WEFT_REPORT=off WEFT_TRACE=%t.wtrace %t 2>%t.off
// RUN: count 0 < %t.off
// RUN: %expect-exit 1 %weft trace check %t.wtrace 2>&1 | FileCheck %s --check-prefix=TEXT --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %expect-exit 66 env WEFT_EXITCODE=nope WEFT_REPORT=loud %t 2>&1 | FileCheck %s --check-prefix=BAD

#include <weft/weft.h>

using namespace weft::threading;

Lock Held("held");

int main() {
  Thread T([] { Held.acquire(); });
  T.start();
  T.join();
}

// TEXT: report-settings.cpp:22:17: warning: thread 'Thread-1' ends while still holding Lock 'held' [missing-release]
// TEXT: report-settings.cpp:23:3: note: thread 'Thread-1' was started here

// JSON: 1 missing-release warning 22 23

// SARIF: 2.1.0 missing-release

// BAD-DAG: weft: ignoring WEFT_EXITCODE='nope': expected an integer from 0 to 255; using the default
// BAD-DAG: weft: ignoring WEFT_REPORT='loud': expected text, json, sarif or off; using the default
// BAD-DAG: [missing-release]
