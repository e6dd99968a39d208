// Clean (second labeled batch).
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <thread>
#include <vector>
#include <numeric>
int main() { std::vector<int> v(100, 1); std::vector<long> out(4); std::vector<std::thread> ts; for (int t = 0; t < 4; ++t) ts.emplace_back([&v, &out, t] { out[t] = std::accumulate(v.begin() + t * 25, v.begin() + (t + 1) * 25, 0L); }); for (auto &th : ts) th.join(); return std::accumulate(out.begin(), out.end(), 0L); }
