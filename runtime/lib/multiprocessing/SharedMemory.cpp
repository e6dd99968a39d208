//===- runtime/lib/multiprocessing/SharedMemory.cpp - state shared by processes -===//
#include "multiprocessing/SharedMemory.h"

#include "core/Futex.h"
#include "core/Runtime.h"
#include "multiprocessing/CrossDeadlock.h"
#include "multiprocessing/Messages.h"
#include "os/Children.h"

#include "weft/errors.h"

#include <cerrno>
#include <cstdio>
#include <sys/mman.h>
#include <unistd.h>

namespace weft::mp_impl {

void *sharedAlloc(size_t Bytes) {
  void *P = ::mmap(nullptr, Bytes, PROT_READ | PROT_WRITE,
                   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (P == MAP_FAILED)
    throw OSError(errnoText(errno));
  return P;
}

uint64_t selfKey() {
  return uint64_t(::getpid()) << 16 | core::self().Id;
}

void SharedSite::set(const std::source_location &L) {
  std::snprintf(File, sizeof File, "%s", L.file_name());
  Line = L.line();
  Column = L.column();
}

void selfDescription(char (&Out)[80]) {
  core::Actor &Me = core::self();
  std::string Proc = os_impl::processName();
  std::string Thread = core::runtime().Actors.name(Me);
  if (Me.Id == 1)
    std::snprintf(Out, sizeof Out, "process '%s'", Proc.c_str());
  else
    std::snprintf(Out, sizeof Out, "process '%s' thread '%s'", Proc.c_str(),
                  Thread.c_str());
}

namespace {
void own(SharedMutex &M, const std::source_location &Loc) {
  M.Owner.store(selfKey(), std::memory_order_relaxed);
  selfDescription(M.OwnerName);
  M.OwnerSite.set(Loc);
}
} // namespace

bool acquireShared(SharedMutex &M, std::optional<int64_t> DeadlineNs,
                   const std::source_location &Loc) {
  uint32_t C = 0;
  if (M.Word.compare_exchange_strong(C, 1, std::memory_order_acquire)) {
    own(M, Loc);
    return true;
  }
  if (DeadlineNs && *DeadlineNs <= clockNow())
    return false;
  core::runtime().Rec.drain(); // the Monitor sees this process's events
  WaitingFor W(M, Loc);        // part of the cross-process deadlock check
  C = M.Word.exchange(2, std::memory_order_acquire);
  while (C != 0) {
    // Wait in slices: between them, look for a cycle of processes.
    int64_t Slice = clockNow() + CheckEveryNs;
    if (DeadlineNs && *DeadlineNs < Slice)
      Slice = *DeadlineNs;
    const timespec At{static_cast<time_t>(Slice / 1000000000),
                      static_cast<long>(Slice % 1000000000)};
    if (core::sysFutexWait(M.Word, 2, &At, core::FutexScope::Shared) ==
        ETIMEDOUT) {
      if (DeadlineNs && clockNow() >= *DeadlineNs)
        return false;
      W.check();
    }
    C = M.Word.exchange(2, std::memory_order_acquire);
  }
  own(M, Loc);
  return true;
}

void releaseShared(SharedMutex &M) {
  M.Owner.store(0, std::memory_order_relaxed);
  if (M.Word.exchange(0, std::memory_order_release) == 2)
    core::sysFutexWake(M.Word, 1, core::FutexScope::Shared);
}

} // namespace weft::mp_impl
