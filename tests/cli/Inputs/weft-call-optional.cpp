// Links weft's runtime but calls it only when given an argument.
#include <weft/weft.h>

int main(int argc, char **) {
  if (argc > 1) {
    weft::threading::Lock L;
    L.acquire();
    L.release();
  }
  return 0;
}
