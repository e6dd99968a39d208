// A class's own mutex, locked in one method and left held on an error path.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <mutex>
#include <string>

class Logger {
public:
  bool write(const std::string &line) {
    m.lock();
    // CHECK: [[@LINE-1]]:5: warning: 'Logger::m' acquired here is not released when the function returns at line [[#@LINE+2]] [missing-release]
    if (line.empty())
      return false;
    buffer += line;
    m.unlock();
    return true;
  }

private:
  std::mutex m;
  std::string buffer;
};
