// No process of the program survives `weft run`: a child that outlives its
// parent (an orphan) is waited for, and --timeout kills every process of
// the run, the orphan included. The child writes its pid to a file first
// and, after 1 s, a second file; the parent ends at once without waiting.
// RUN: rm -rf %t && mkdir %t
// RUN: %weft c++ %s -o %t/prog
//
// Waited for: when `weft run` returns, the orphan has ended (its second
// file is there) and no process of the run is left.
// RUN: %weft run %t/prog %t/a 1 > %t/out 2>&1
// RUN: test -f %t/a.done
// RUN: not %python -c "import os,sys; p=int(open(sys.argv[1]).read()); os.kill(p,0)" %t/a.pid
//
// Killed by --timeout: the orphan sleeps 100 s; the run ends with 124 and
// the orphan is gone (no such process), not left running.
// RUN: %expect-exit 124 %weft run --timeout 1 %t/prog %t/b 100 > %t/out2 2>&1
// RUN: not test -f %t/b.done
// RUN: FileCheck %s --check-prefix=TIMEOUT --input-file=%t/out2
// TIMEOUT: weft: {{.*}}prog exited, but its processes did not finish within 1 s (--timeout) and were killed by SIGKILL
// RUN: not %python -c "import os,sys; p=int(open(sys.argv[1]).read()); os.kill(p,0)" %t/b.pid > %t/kill 2>&1
// RUN: FileCheck %s --input-file=%t/kill
// CHECK: ProcessLookupError

#include <weft/weft.h>

#include <cstdio>
#include <string>

using namespace weft;

void writeFile(const std::string &Path, const std::string &Text) {
  std::FILE *F = std::fopen(Path.c_str(), "w");
  std::fputs(Text.c_str(), F);
  std::fclose(F);
}

int main(int argc, char **argv) {
  if (argc < 3)
    return 2;
  std::string Base = argv[1];
  double Seconds = std::stod(argv[2]);
  int Pid = os::fork();
  if (Pid == 0) {
    writeFile(Base + ".pid.tmp", std::to_string(os::getpid()));
    std::rename((Base + ".pid.tmp").c_str(), (Base + ".pid").c_str());
    time::sleep(Seconds);
    writeFile(Base + ".done", "done");
    return 0;
  }
  // The parent waits until the child has written its pid, not for its end.
  for (;;) {
    if (std::FILE *F = std::fopen((Base + ".pid").c_str(), "r")) {
      std::fclose(F);
      break;
    }
    time::sleep(0.01);
  }
}
