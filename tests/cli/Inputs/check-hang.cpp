// Takes a lock, then waits outside weft forever.
#include <weft/weft.h>

#include <unistd.h>

weft::threading::Lock held;

int main() {
  held.acquire();
  for (;;)
    pause();
}
