// One thread takes and releases a lock 300 times: enough events to fill
// several of its blocks (16, 32, 64, 128 slots), so the trace has
// block-links (each with its block's checksum) and an open last block.
#include <weft/threading.h>

weft::threading::Lock L;

int main() {
  for (int I = 0; I < 300; ++I) {
    L.acquire();
    L.release();
  }
  return 0;
}
