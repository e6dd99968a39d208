// Tries to kill the grader: its parent, every process it may signal, and
// process 1.
#include <csignal>
#include <cstdio>
#include <unistd.h>
int main() {
  kill(getppid(), SIGKILL);
  kill(1, SIGKILL);
  kill(-1, SIGKILL);
  std::printf("still here\n");
  return 1;
}
