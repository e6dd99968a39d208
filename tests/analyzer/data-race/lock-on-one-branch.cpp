// Racy (second labeled batch).
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
// CHECK: warning: data race on 'shared_total'
#include <thread>
#include <vector>
#include <mutex>
std::mutex mtx; int shared_total = 0;
void add(int n) { if (n > 5) { std::lock_guard<std::mutex> lk(mtx); shared_total += n; } else { shared_total += n; } }
int main() { std::vector<std::thread> ts; for (int i = 0; i < 10; ++i) ts.emplace_back(add, i); for (auto &t : ts) t.join(); return shared_total; }
