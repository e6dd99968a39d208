// A parent and a child process that talk through a Pipe; the child runs a
// thread of its own. For the pictures of a run with processes
// (tests/pictures/processes.test).
#include <weft/weft.h>

#include <string>

using namespace weft;
namespace mp = weft::multiprocessing;

void helper(mp::Connection c) { c.send(std::string("from the child's thread")); }

void child(mp::Connection c) {
  std::string hello = c.recv<std::string>();
  threading::Thread t(helper, c);
  t.start();
  t.join();
}

int main() {
  auto [parent, kid] = mp::Pipe();
  mp::Process p(child, kid);
  p.start();
  parent.send(std::string("hello"));
  print(parent.recv<std::string>());
  p.join();
}
