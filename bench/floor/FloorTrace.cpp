//===- bench/floor/FloorTrace.cpp - the least a per-event trace can cost --===//
#include "FloorTrace.h"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/mman.h>
#include <unistd.h>

namespace floortrace {
namespace {

struct Record {
  uint64_t SeqOrKind; // the global number (Ordered) or the kind
  uint32_t Object;
  uint32_t Kind;
};
static_assert(sizeof(Record) == 16);

/// A thread takes the file in chunks of this many records, as weft's
/// streams take blocks.
constexpr uint64_t ChunkRecords = 4096;

Record *Base = nullptr;
uint64_t Capacity = 0; // records
bool Order = false;
std::atomic<uint64_t> NextChunk{0};
std::atomic<uint64_t> NextSeq{0};
std::atomic<uint64_t> Generation{0};

/// The unused rest of the chunks of threads that ended: the next thread
/// goes on from there, as a weft stream passes from a thread that ends to
/// the next one (no fresh page per thread).
struct Span {
  Record *At, *End;
};
std::atomic<bool> FreeBusy{false}; // a spin lock TSan does not see
Span Free[256];
unsigned NumFree = 0;

void lockFree() {
  while (FreeBusy.exchange(true, std::memory_order_acquire))
    ;
}
void unlockFree() { FreeBusy.store(false, std::memory_order_release); }

struct Cursor {
  uint64_t Gen = ~0ull;
  Record *At = nullptr, *End = nullptr;
  ~Cursor() {
    if (At == End || Gen != Generation.load(std::memory_order_relaxed))
      return;
    lockFree();
    if (NumFree < 256)
      Free[NumFree++] = Span{At, End};
    unlockFree();
  }
};
thread_local Cursor Mine;

[[noreturn]] void die(const char *What) {
  std::fprintf(stderr, "floortrace: %s: %s\n", What, std::strerror(errno));
  std::exit(2);
}

} // namespace

void open(uint64_t Bytes, bool Ordered) {
  const char *Dir = std::getenv("TMPDIR");
  std::string Path = std::string(Dir && *Dir ? Dir : "/tmp") +
                     "/weft-floor-XXXXXX";
  int Fd = ::mkstemp(Path.data());
  if (Fd < 0)
    die("mkstemp");
  ::unlink(Path.c_str());
  if (::ftruncate(Fd, static_cast<off_t>(Bytes)) != 0)
    die("ftruncate");
  void *P = ::mmap(nullptr, Bytes, PROT_READ | PROT_WRITE, MAP_SHARED, Fd, 0);
  if (P == MAP_FAILED)
    die("mmap");
  ::close(Fd);
  Base = static_cast<Record *>(P);
  Capacity = Bytes / sizeof(Record);
  Order = Ordered;
  NextChunk.store(0);
  NextSeq.store(0);
  lockFree();
  NumFree = 0;
  unlockFree();
  Generation.fetch_add(1);
}

void close() {
  if (Base)
    ::munmap(Base, Capacity * sizeof(Record));
  Base = nullptr;
}

void record(uint32_t Kind, uint32_t Object) {
  Cursor &C = Mine;
  if (C.At == C.End || C.Gen != Generation.load(std::memory_order_relaxed))
      [[unlikely]] {
    uint64_t Gen = Generation.load(std::memory_order_relaxed);
    C.Gen = Gen;
    lockFree();
    bool Reused = NumFree > 0;
    if (Reused) {
      C.At = Free[NumFree - 1].At;
      C.End = Free[--NumFree].End;
    }
    unlockFree();
    if (Reused)
      return record(Kind, Object);
    uint64_t First = NextChunk.fetch_add(ChunkRecords);
    if (First + ChunkRecords > Capacity) {
      std::fprintf(stderr, "floortrace: the file is full\n");
      std::exit(2);
    }
    C.At = Base + First;
    C.End = C.At + ChunkRecords;
  }
  uint64_t Head =
      Order ? NextSeq.fetch_add(1, std::memory_order_relaxed) : Kind;
  *C.At++ = Record{Head, Object, Kind};
}

} // namespace floortrace
