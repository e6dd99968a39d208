// racy: a static member counter bumped by a logger called from worker threads
#include <iostream>
#include <string>
#include <thread>
#include <vector>

class Logger {
public:
  static void log(const std::string &msg) {
    ++lines;
    std::cerr << msg << "\n";
  }
  static int lines;
};
int Logger::lines = 0;

static void process(int id) {
  Logger::log("worker " + std::to_string(id) + " starting");
  Logger::log("worker " + std::to_string(id) + " done");
}

int main() {
  std::vector<std::thread> pool;
  for (int i = 0; i < 4; i++)
    pool.emplace_back(process, i);
  for (auto &t : pool)
    t.join();
  std::cout << Logger::lines << " lines\n";
}
