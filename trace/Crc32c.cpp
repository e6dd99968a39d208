//===- trace/Crc32c.cpp - CRC-32C, hardware or table ----------------------===//
#include "trace/Crc32c.h"

#include <array>
#include <cstring>

namespace weft::trace {
namespace {

constexpr uint32_t Poly = 0x82f63b78; // CRC-32C, reflected

constexpr std::array<uint32_t, 256> makeTable() {
  std::array<uint32_t, 256> T{};
  for (uint32_t I = 0; I < 256; ++I) {
    uint32_t C = I;
    for (int K = 0; K < 8; ++K)
      C = (C & 1) ? (C >> 1) ^ Poly : C >> 1;
    T[I] = C;
  }
  return T;
}
constexpr std::array<uint32_t, 256> Table = makeTable();

uint32_t crcTable(uint32_t C, const unsigned char *P, size_t N) {
  for (size_t I = 0; I < N; ++I)
    C = Table[(C ^ P[I]) & 0xff] ^ (C >> 8);
  return C;
}

#if defined(__x86_64__)
__attribute__((target("sse4.2"))) uint32_t crcHardware(uint32_t C,
                                                       const unsigned char *P,
                                                       size_t N) {
  uint64_t C64 = C;
  for (; N >= 8; N -= 8, P += 8) {
    uint64_t W;
    std::memcpy(&W, P, 8);
    C64 = __builtin_ia32_crc32di(C64, W);
  }
  C = static_cast<uint32_t>(C64);
  for (; N > 0; --N, ++P)
    C = __builtin_ia32_crc32qi(C, *P);
  return C;
}

bool haveHardware() {
  static const bool Have = __builtin_cpu_supports("sse4.2");
  return Have;
}
#endif

} // namespace

uint32_t crc32cExtend(uint32_t Crc, const void *Data, size_t Size) {
  const auto *P = static_cast<const unsigned char *>(Data);
#if defined(__x86_64__)
  if (haveHardware())
    return ~crcHardware(~Crc, P, Size);
#endif
  return ~crcTable(~Crc, P, Size);
}

uint32_t crc32c(const void *Data, size_t Size) {
  return crc32cExtend(0, Data, Size);
}

} // namespace weft::trace
