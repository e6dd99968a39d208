// Clean: a hand-off or per-thread data the analyzer must not flag.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <future>
#include <vector>
#include <numeric>
long part(const std::vector<int> &v, size_t b, size_t e) { return std::accumulate(v.begin() + b, v.begin() + e, 0L); }
int main() { std::vector<int> v(1000, 1); auto f1 = std::async(std::launch::async, part, std::cref(v), 0, 500); auto f2 = std::async(std::launch::async, part, std::cref(v), 500, 1000); return f1.get() + f2.get(); }
