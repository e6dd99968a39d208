// A std::string assigned by a thread while main copies it.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
// CHECK: warning: data race on 'status'
#include <thread>
#include <string>
std::string status = "idle";
void worker() { status = "running"; status = "done"; }
int main() { std::thread t(worker); std::string s = status; t.join(); return s.size(); }
