// Racy (second labeled batch).
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
// CHECK: warning: data race on 'total'
#include <thread>
#include <vector>
int main() { int total = 0; std::vector<std::thread> pool; for (int i = 0; i < 4; ++i) pool.push_back(std::thread([&total, i] { total += i; })); for (auto &t : pool) t.join(); return total; }
