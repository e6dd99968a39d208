// Takes a lock, writes its pid to argv[1] (so a test knows it is running),
// then waits outside weft until a signal ends it. With a second argument it
// ignores SIGTERM.
#include <weft/weft.h>

#include <csignal>
#include <fstream>
#include <unistd.h>

weft::threading::Lock held;

int main(int argc, char **argv) {
  held.acquire();
  if (argc > 2)
    std::signal(SIGTERM, SIG_IGN);
  if (argc > 1)
    std::ofstream(argv[1]) << getpid() << "\n";
  for (;;)
    pause();
}
