//===- bench/floor/FloorTrace.h - the least a per-event trace can cost ----===//
//
// The floor of recording, for the benchmarks' "floor" rows (bench/README.md,
// "The floor"): what any design that writes every operation into a
// crash-safe trace must do, and nothing else. Each event is one 16-byte
// record stored into the calling thread's chunk of a file mapped with
// MAP_SHARED (so, like weft's trace, it is in the file once stored and
// survives SIGKILL). There is no clock, no name or site table, no online
// checking and no reader. With Ordered, each record also takes a number
// from one global atomic, the cheapest way to give the merged trace one
// order (weft's trace does this).
//
// Built without -fsanitize=thread even in the TSan floor build, as weft's
// runtime is: ThreadSanitizer does not see these stores.
//===----------------------------------------------------------------------===//
#ifndef WEFT_BENCH_FLOORTRACE_H
#define WEFT_BENCH_FLOORTRACE_H

#include <cstdint>

namespace floortrace {

/// Maps a new sparse file of \p Bytes in $TMPDIR (unlinked at once; its
/// pages are allocated as records reach them). Exits with a message on
/// failure. \p Ordered: every record takes a global sequence number.
void open(uint64_t Bytes, bool Ordered);
/// Unmaps the file (the next open() starts on fresh pages).
void close();
/// One event: a 16-byte record in this thread's chunk of the file.
void record(uint32_t Kind, uint32_t Object);

} // namespace floortrace

#endif
