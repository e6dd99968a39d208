// Clean: a hand-off or per-thread data the analyzer must not flag.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <thread>
#include <vector>
#include <mutex>
struct Worker { int id; long result = 0; void operator()() { for (int i = 0; i < 100; i++) result += i * id; } };
int main() { std::vector<Worker> ws(4); std::vector<std::thread> ts; for (int i = 0; i < 4; i++) { ws[i].id = i; ts.emplace_back(std::ref(ws[i])); } for (auto &t : ts) t.join(); long s = 0; for (auto &w : ws) s += w.result; return s; }
