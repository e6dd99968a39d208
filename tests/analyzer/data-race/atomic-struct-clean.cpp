// Clean (second labeled batch).
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <thread>
#include <atomic>
#include <vector>
struct Stats { std::atomic<int> ok{0}, fail{0}; };
void run(Stats &s, int n) { for (int i = 0; i < n; ++i) (i % 2 ? s.ok : s.fail)++; }
int main() { Stats s; std::vector<std::thread> ts; for (int i = 0; i < 3; ++i) ts.emplace_back(run, std::ref(s), 100); for (auto &t : ts) t.join(); return s.ok + s.fail; }
