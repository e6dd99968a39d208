// Clean: a hand-off or per-thread data the analyzer must not flag.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <mutex>
#include <thread>
#include <map>
#include <string>
class Cache { std::mutex m; std::map<std::string, int> items; public:
  void put(const std::string &k, int v) { std::lock_guard<std::mutex> g(m); items[k] = v; }
  int get(const std::string &k) { std::lock_guard<std::mutex> g(m); auto it = items.find(k); return it == items.end() ? -1 : it->second; } };
int main() { Cache c; std::thread a([&]{ c.put("a", 1); }); std::thread b([&]{ c.get("a"); }); a.join(); b.join(); }
