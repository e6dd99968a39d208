// Seed 003 §3 (子进程): subprocess.call runs a command and prints its exit
// code; then Popen with pipes, fed through communicate. The seed's
// `nslookup www.python.org` needs a network, so the first command is a local
// one (`uname -s`), as the catalog says; the seed's Popen runs nslookup
// interactively, here `sort` is fed the lines instead. Bug: none (clean).
//
//   import subprocess
#include <weft/weft.h>

using namespace weft;

int main() {
  print("$ uname -s");
  int r = subprocess::call({"uname", "-s"});
  print("Exit code:", r);

  print("$ sort");
  subprocess::Popen p({"sort"}, {.stdin_ = subprocess::PIPE,
                                 .stdout_ = subprocess::PIPE,
                                 .stderr_ = subprocess::PIPE});
  auto [output, err] = p.communicate("python.org\nexit\nset q=mx\n");
  print(output);
  print("Exit code:", *p.returncode());
}
