// Racy (second labeled batch).
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
// CHECK: warning: data race on 'counts'
// CHECK: warning: data race on 'counts[*]'
#include <thread>
#include <map>
#include <string>
std::map<std::string, int> counts;
void count(const std::string &w) { counts[w]++; }
int main() { std::thread a(count, "x"), b(count, "y"); a.join(); b.join(); return counts.size(); }
