//===- runtime/lib/futures/Executor.cpp - concurrent.futures.ThreadPoolExecutor ---===//
//
// Happens-before: see ExecutorCore.h. The executor's non-template front end
// (futures::detail::ExecutorBase), its core, and the at-exit shutdown of
// executors left running (Python's concurrent.futures.thread._python_exit).
//===----------------------------------------------------------------------===//
#include "futures/ExecutorCore.h"

#include "core/Actor.h"
#include "futures/FutureCore.h"
#include "core/Kernel.h"
#include "core/Runtime.h"
#include "threading/ThreadState.h"
#include "tsan/TsanAnnotations.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

namespace weft::core {

using futures::detail::StateBase;
using trace::EventKind;

namespace {

InternalMutex RegistryMu;
std::vector<std::weak_ptr<ExecutorCore>> *Registry = nullptr; // immortal
std::atomic<bool> ExitStarted{false};
std::atomic<unsigned> ExecutorCounter{0};

/// The runtime's at-exit hook: executors nobody shut down are shut down
/// and waited for, as Python does, and reported (executor-leak).
void shutdownLeftovers() {
  ExitStarted.store(true);
  std::vector<std::shared_ptr<ExecutorCore>> Live;
  {
    std::lock_guard<InternalMutex> G(RegistryMu);
    for (const std::weak_ptr<ExecutorCore> &W : *Registry)
      if (std::shared_ptr<ExecutorCore> E = W.lock())
        Live.push_back(std::move(E));
    Registry->clear();
  }
  for (const std::shared_ptr<ExecutorCore> &E : Live)
    if (!E->isShutdown())
      E->shutdown(true, false, std::source_location(), E->creationSite(),
                  trace::ShutdownAtExit, /*Quiet=*/false);
}

void registerExecutor(const std::shared_ptr<ExecutorCore> &E) {
  std::lock_guard<InternalMutex> G(RegistryMu);
  if (!Registry) {
    Registry = new std::vector<std::weak_ptr<ExecutorCore>>();
    registerAtExit(shutdownLeftovers);
  }
  std::erase_if(*Registry, [](const auto &W) { return W.expired(); });
  Registry->push_back(E);
}

} // namespace

ExecutorCore::ExecutorCore(int MaxWorkers, std::string Prefix,
                           uint32_t CreationSite)
    : MaxWorkers(MaxWorkers), Prefix(std::move(Prefix)),
      CreationSite(CreationSite) {
  Id = runtime().Rec.newObject(trace::ObjectType::Executor, CreationSite, "");
}

bool ExecutorCore::isShutdown() const {
  std::lock_guard<InternalMutex> G(Mu);
  return Shut;
}

void ExecutorCore::submit(std::shared_ptr<StateBase> S,
                          const std::source_location &Loc) {
  threading::Thread *ToStart = nullptr;
  {
    WEFT_TSAN_IGNORE_ACCESSES();
    Runtime &R = runtime();
    Actor &Me = self();
    uint32_t Site = R.Rec.site(Loc);
    std::unique_lock<InternalMutex> G(Mu);
    if (Shut)
      throw RuntimeError("cannot schedule new futures after shutdown");
    if (ExitStarted.load())
      throw RuntimeError(
          "cannot schedule new futures after interpreter shutdown");
    FutureCore &F = S->core();
    F.setId(R.Rec.newObject(trace::ObjectType::Future, Site, ""));
    // A release: recorded before a worker can see the item.
    R.Rec.sync(EventKind::FutureSubmit, 0, Me.Id, F.id(), Site);
    WEFT_TSAN_RELEASE(&F);
    Work.push_back(std::move(S));
    Actor *W = Idle.grantOne(Id);
    if (!W && Threads.size() < size_t(MaxWorkers)) {
      std::string Name = Prefix + "_" + std::to_string(Threads.size());
      Threads.push_back(std::make_unique<threading::Thread>(
          threading::ThreadOptions{.name = Name, .daemon = std::nullopt}, [this] { workerLoop(); }));
      ToStart = Threads.back().get();
      ++Spawning;
    }
    G.unlock();
    WaitQueue::unpark(W);
  }
  if (!ToStart)
    return;
  auto Started = [&] {
    WEFT_TSAN_IGNORE_ACCESSES();
    std::unique_lock<InternalMutex> G(Mu);
    --Spawning;
    std::vector<Actor *> Ws = Spawned.grantAll(Id);
    G.unlock();
    WaitQueue::unpark(Ws);
  };
  try {
    ToStart->start(Loc);
  } catch (...) {
    {
      std::lock_guard<InternalMutex> G(Mu);
      std::erase_if(Threads, [&](const auto &T) { return T.get() == ToStart; });
    }
    Started();
    throw;
  }
  Started();
}

void ExecutorCore::workerLoop() {
  for (;;) {
    std::shared_ptr<StateBase> Item;
    {
      WEFT_TSAN_IGNORE_ACCESSES();
      Actor &Me = self();
      std::unique_lock<InternalMutex> G(Mu);
      while (Work.empty() && !Shut)
        Idle.wait(G, Me, Id, CreationSite, std::nullopt);
      if (Work.empty())
        return; // shut down and nothing left: Python's worker exits too
      Item = std::move(Work.front());
      Work.pop_front();
    }
    Item->runTask(); // user code (outside any ignore scope)
    // The worker's reference may be the last one (the caller dropped its
    // Future already): dropped where ThreadSanitizer sees it (Future.cpp).
    StateBase::dropReference(Item);
  }
}

void ExecutorCore::shutdown(bool Wait, bool CancelFutures,
                            const std::source_location &Loc, uint32_t Site,
                            uint8_t Flags, bool Quiet) {
  std::vector<std::shared_ptr<StateBase>> Cancel;
  std::vector<threading::Thread *> Join;
  Actor *MeP;
  {
    WEFT_TSAN_IGNORE_ACCESSES();
    Runtime &R = runtime();
    Actor &Me = self();
    MeP = &Me;
    std::unique_lock<InternalMutex> G(Mu);
    if (!(Quiet && Shut)) {
      R.Rec.sync(EventKind::ExecutorShutdown,
                 uint8_t((Wait ? trace::ShutdownWaited : 0) | Flags), Me.Id,
                 Id, Site);
      Shut = true;
      if (CancelFutures) {
        Cancel.assign(std::make_move_iterator(Work.begin()),
                      std::make_move_iterator(Work.end()));
        Work.clear();
      }
      std::vector<Actor *> Ws = Idle.grantAll(Id);
      G.unlock();
      WaitQueue::unpark(Ws);
      G.lock();
    }
    // A worker being started must be in Threads (and started) before we
    // join them.
    while (Spawning)
      Spawned.wait(G, Me, Id, Site, std::nullopt);
    for (const auto &T : Threads)
      if (&T->state() != Me.Thread && !(Quiet && !T->is_alive()))
        Join.push_back(T.get());
  }
  for (std::shared_ptr<StateBase> &S : Cancel) {
    S->cancel(Loc);
    StateBase::dropReference(S); // outside the ignore scope: may free
  }
  if (!Wait)
    return;
  for (threading::Thread *T : Join)
    T->join(std::nullopt, Loc);
  (void)MeP;
}

} // namespace weft::core

namespace weft::futures {

double ThreadPoolExecutor::nowSeconds() {
  return double(core::kernel().now()) / 1e9;
}

namespace detail {

ExecutorBase::ExecutorBase(std::optional<int> MaxWorkers, std::string Prefix,
                           SourceLoc Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  int N;
  if (!MaxWorkers) {
    unsigned Cpus = std::thread::hardware_concurrency();
    N = std::min(32, int(Cpus ? Cpus : 1) + 4); // Python 3.8+
  } else {
    if (*MaxWorkers <= 0)
      throw ValueError("max_workers must be greater than 0");
    N = *MaxWorkers;
  }
  unsigned Count = core::ExecutorCounter.fetch_add(1);
  if (Prefix.empty())
    Prefix = "ThreadPoolExecutor-" + std::to_string(Count);
  core::Runtime &R = core::runtime();
  Core = std::make_shared<core::ExecutorCore>(N, std::move(Prefix),
                                              R.Rec.site(Loc));
  core::registerExecutor(Core);
}

ExecutorBase::~ExecutorBase() {
  // The end of Python's `with` block: shutdown(wait=True).
  Core->shutdown(true, false, std::source_location(), 0, 0, /*Quiet=*/true);
}

void ExecutorBase::submitState(std::shared_ptr<StateBase> S, SourceLoc Loc) {
  Core->submit(std::move(S), Loc);
}

void ExecutorBase::shutdown(bool Wait, bool CancelFutures, SourceLoc Loc) {
  uint32_t Site;
  {
    WEFT_TSAN_IGNORE_ACCESSES();
    Site = core::runtime().Rec.site(Loc);
  }
  Core->shutdown(Wait, CancelFutures, Loc, Site, 0, /*Quiet=*/false);
}

int ExecutorBase::maxWorkers() const { return Core->maxWorkers(); }

} // namespace detail
} // namespace weft::futures
