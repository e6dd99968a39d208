// A static data member bumped by a static method that worker threads call
// through a helper: the race is found through two calls.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <iostream>
#include <string>
#include <thread>
#include <vector>

class Logger {
public:
  static void log(const std::string &msg) {
    // CHECK: static-member-logger.cpp:[[#@LINE+1]]:7: warning: data race on 'Logger::lines': written here by thread 'process' (no lock held) and written at line [[#@LINE+1]] by another instance of thread 'process' (no lock held) [data-race]
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
