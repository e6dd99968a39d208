// Seed 003 §2 (多进程): os.fork. The child and the parent print their pids;
// both go on to print "Hello.". Works on Linux/Unix only, as the seed says.
// Bug: none (clean). The seed never waits for the child, so it may outlive
// its parent (an orphan, adopted by init, or by `weft run`, which waits
// for every process of the run).
//
//   import os
#include <weft/weft.h>

using namespace weft;

int main() {
  print(format("Process ({}) start...", os::getpid()));
  int pid = os::fork();
  if (pid == 0)
    print(format("I am child process ({}) and my parent is {}.",
                      os::getpid(), os::getppid()));
  else
    print(format("I ({}) just created a child process ({}).",
                      os::getpid(), pid));
  print("Hello.");
}

// Process (28340) start...
// I (28340) just created a child process (28341).
// Hello.
// I am child process (28341) and my parent is 28340.
// Hello.
