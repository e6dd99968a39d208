//===- trace/Crc32c.h - CRC-32C (Castagnoli) of trace records --------------===//
//
// The checksum of trace blocks (docs/trace-format.md, "Checksums"): CRC-32C,
// the iSCSI polynomial, with the SSE 4.2 `crc32` instruction when the CPU
// has it and a 256-entry table otherwise (both give the same values).
//
//===----------------------------------------------------------------------===//
#ifndef WEFT_TRACE_CRC32C_H
#define WEFT_TRACE_CRC32C_H

#include <cstddef>
#include <cstdint>

namespace weft::trace {

/// CRC-32C of \p Size bytes at \p Data (initial value ~0, final xor ~0:
/// crc32c("123456789") == 0xe3069283).
uint32_t crc32c(const void *Data, size_t Size);
/// The CRC-32C of the bytes \p Crc covers followed by \p Size more bytes
/// at \p Data: crc32c(A + B) == crc32cExtend(crc32c(A), B). For data read
/// in pieces; crc32cExtend(0, ...) is crc32c.
uint32_t crc32cExtend(uint32_t Crc, const void *Data, size_t Size);

} // namespace weft::trace

#endif
