// clean (lock order): a lock hierarchy (outer before inner) kept through helper calls, RLock re-entered
#include <weft/threading.h>
using namespace weft::threading;

RLock outer;
Lock inner;
int log_lines = 0;
int records = 0;

void write_log() {
  Guard g(inner);
  log_lines++;
}

void add_record() {
  Guard g(outer);
  records++;
  write_log();
}

void batch() {
  Guard g(outer);
  for (int i = 0; i < 3; i++)
    add_record();
  write_log();
}

int main() {
  Thread a(batch), b(add_record), c(write_log);
  a.start();
  b.start();
  c.start();
  a.join();
  b.join();
  c.join();
}
