//===- runtime/lib/multiprocessing/CrossDeadlock.cpp - deadlocks between processes -===//
#include "multiprocessing/CrossDeadlock.h"

#include "core/Clock.h"
#include "core/Runtime.h"
#include "multiprocessing/SharedMemory.h"
#include "os/Children.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <string>
#include <unistd.h>
#include <vector>

namespace weft::mp_impl {
namespace {

using Wait = os_impl::RunShared::Wait;

std::atomic_ref<uint64_t> keyOf(Wait &W) { return std::atomic_ref<uint64_t>(W.Key); }

/// The lock \p Key waits for, and its entry (null: it does not wait).
Wait *waitOf(uint64_t Key) {
  for (Wait &W : os_impl::runShared().Waits)
    if (keyOf(W).load(std::memory_order_acquire) == Key)
      return &W;
  return nullptr;
}

report::Location location(const char *File, uint32_t Line, uint32_t Column) {
  return report::Location{File, Line, Column};
}

[[noreturn]] void reportAndEnd(const std::vector<Wait *> &Cycle) {
  core::Runtime &R = core::runtime();
  report::Finding F;
  if (Cycle.size() == 1) {
    F = report::makeFinding(
        report::RuleId::DoubleAcquire,
        std::string(Cycle[0]->Who) + " waits for " +
            reinterpret_cast<SharedMutex *>(Cycle[0]->Lock)->Name +
            ", which it holds itself: it waits forever",
        location(Cycle[0]->File, Cycle[0]->Line, Cycle[0]->Column), "runtime");
  } else {
    std::string Who;
    for (size_t I = 0; I < Cycle.size(); ++I)
      Who += (I == 0 ? "" : I + 1 == Cycle.size() ? " and " : ", ") +
             std::string(Cycle[I]->Who);
    F = report::makeFinding(
        report::RuleId::Deadlock,
        "deadlock: " + std::to_string(Cycle.size()) +
            " processes wait for each other forever: " + Who,
        location(Cycle[0]->File, Cycle[0]->Line, Cycle[0]->Column), "runtime");
  }
  for (Wait *W : Cycle) {
    auto *M = reinterpret_cast<SharedMutex *>(W->Lock);
    F.Notes.push_back({location(W->File, W->Line, W->Column),
                       std::string(W->Who) + " waits for " + M->Name + " here"});
    F.Notes.push_back({location(M->OwnerSite.File, M->OwnerSite.Line,
                                M->OwnerSite.Column),
                       std::string(M->Name) + " is held by " + M->OwnerName +
                           ", acquired here"});
  }
  {
    std::lock_guard<core::InternalMutex> G(R.Rec.orderMutex());
    R.Rec.drainLocked();
    R.Mon.addFindingLocked(F, core::self().Id);
  }
  // The other processes of the cycle can never go on: end them.
  int Me = ::getpid();
  for (Wait *W : Cycle) {
    int Pid = static_cast<int>(keyOf(*W).load() >> 16);
    if (Pid != Me)
      ::kill(Pid, SIGKILL);
  }
  R.Rec.sync(trace::EventKind::ProgramExit, 1, core::self().Id, 0, 0);
  R.Mon.finish();
  if (R.RunFindings)
    R.RunFindings->fetch_add(1);
  std::fflush(nullptr);
  ::_exit(R.Settings.ExitCode);
}

} // namespace

int64_t clockNow() { return core::clockNs(CLOCK_MONOTONIC); }

WaitingFor::WaitingFor(SharedMutex &M, const std::source_location &Loc)
    : M(M) {
  uint64_t Key = selfKey();
  auto &Waits = os_impl::runShared().Waits;
  for (int I = 0; I < os_impl::RunShared::MaxWaits; ++I) {
    uint64_t Free = 0;
    if (!keyOf(Waits[I]).compare_exchange_strong(Free, ~uint64_t(0)))
      continue;
    Wait &W = Waits[I];
    W.Lock = reinterpret_cast<uintptr_t>(&M);
    selfDescription(W.Who);
    std::snprintf(W.File, sizeof W.File, "%s", Loc.file_name());
    W.Line = Loc.line();
    W.Column = Loc.column();
    keyOf(W).store(Key, std::memory_order_release); // published
    Slot = I;
    return;
  }
  // The table is full: this wait is not checked (a hang stays possible).
}

WaitingFor::~WaitingFor() {
  if (Slot >= 0)
    keyOf(os_impl::runShared().Waits[Slot]).store(0, std::memory_order_release);
}

void WaitingFor::check() {
  if (Slot < 0)
    return;
  uint64_t Me = selfKey();
  std::vector<Wait *> Cycle{&os_impl::runShared().Waits[Slot]};
  SharedMutex *Cur = &M;
  bool Found = false;
  for (int Step = 0; Step < os_impl::RunShared::MaxWaits; ++Step) {
    uint64_t Owner = Cur->Owner.load(std::memory_order_relaxed);
    if (Owner == 0 || Cur->Word.load() == 0)
      break; // free: no wait for ever here
    if (Owner == Me) {
      Found = true;
      break;
    }
    Wait *W = waitOf(Owner);
    if (!W)
      break; // the owner runs
    Cycle.push_back(W);
    Cur = reinterpret_cast<SharedMutex *>(W->Lock);
  }
  if (!Found) {
    Seen = 0;
    return;
  }
  if (++Seen < 2)
    return; // seen once: look again after the next slice
  // One member reports: the one with the smallest key.
  for (Wait *W : Cycle)
    if (keyOf(*W).load() < Me)
      return;
  reportAndEnd(Cycle);
}

} // namespace weft::mp_impl
