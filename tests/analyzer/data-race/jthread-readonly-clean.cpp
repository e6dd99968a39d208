// Threads only read shared data written before they start.
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <string>
#include <thread>
#include <vector>

std::vector<std::string> words;
int total_len[2];

int main() {
  words = {"a", "bb", "ccc"};
  {
    std::jthread a([] {
      int n = 0;
      for (const std::string &w : words)
        n += w.size();
      total_len[0] = n;
    });
    std::jthread b([] { total_len[1] = words.size(); });
    a.join();
    b.join();
  }
  words.clear();
  return total_len[0] + total_len[1];
}
