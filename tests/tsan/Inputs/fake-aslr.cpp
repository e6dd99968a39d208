// Pretends to be a TSan program the kernel's address randomization broke:
// unless ASLR is off (personality ADDR_NO_RANDOMIZE, as under setarch -R),
// it prints what an older TSan runtime prints and exits before main's work.
// Built with --tsan so that `weft run` treats it as a TSan program.
#include <weft/weft.h>

#include <cstdio>
#include <cstdlib>
#include <sys/personality.h>

int main() {
  int P = personality(0xffffffff);
  if (P == -1 || !(P & ADDR_NO_RANDOMIZE)) {
    std::fprintf(stderr, "FATAL: ThreadSanitizer: unexpected memory mapping "
                         "0x7f0000000000-0x7f0000001000\n");
    std::fflush(stderr);
    std::_Exit(66);
  }
  weft::threading::Lock L; // starts the runtime, which writes the trace
  L.acquire();
  L.release();
  weft::print("started without address randomization");
}
