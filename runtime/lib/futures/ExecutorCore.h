//===- runtime/lib/futures/ExecutorCore.h - concurrent.futures.ThreadPoolExecutor -===//
//
// Happens-before: submit happens before the task starts (FutureSubmit /
// FutureStart); everything the workers did happens before
// shutdown(wait=true) returns (their ThreadEnd / ThreadJoin).
//
// Python's executor: a work queue, worker threads started on demand up to
// max_workers ("ThreadPoolExecutor-N_M"), a shutdown flag. Here the work
// queue is a deque under an InternalMutex and idle workers park on a
// WaitQueue whose object is the executor (WaitBlock at the executor's
// creation site), so a worker waiting for work is part of the wait-for
// graph like any other waiting thread. Workers are weft threads.
//
// An executor still running when main returns is shut down by the runtime's
// at-exit hook (registerAtExit), which waits for its work as Python's
// _python_exit does and records ExecutorShutdown with ShutdownAtExit: the
// Checker turns that into an executor-leak warning.
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_EXECUTORCORE_H
#define WEFT_RUNTIME_EXECUTORCORE_H

#include "core/Futex.h"
#include "core/WaitQueue.h"
#include "weft/futures.h"
#include "weft/threading.h"

#include <deque>
#include <memory>
#include <source_location>
#include <string>
#include <vector>

namespace weft::core {

class ExecutorCore : public std::enable_shared_from_this<ExecutorCore> {
public:
  ExecutorCore(int MaxWorkers, std::string Prefix, uint32_t CreationSite);

  /// Queues \p S (records FutureSubmit) and starts a worker if none is
  /// idle and there are fewer than max_workers.
  void submit(std::shared_ptr<futures::detail::StateBase> S,
              const std::source_location &Loc);
  /// Python's shutdown(wait, cancel_futures). \p Flags: extra
  /// ExecutorShutdown flags (ShutdownAtExit). \p Quiet: record nothing if
  /// already shut down (the destructor's shutdown).
  void shutdown(bool Wait, bool CancelFutures, const std::source_location &Loc,
                uint32_t Site, uint8_t Flags, bool Quiet);
  bool isShutdown() const;
  int maxWorkers() const { return MaxWorkers; }
  uint32_t id() const { return Id; }
  uint32_t creationSite() const { return CreationSite; }

private:
  void workerLoop();

  const int MaxWorkers;
  const std::string Prefix;
  const uint32_t CreationSite;
  uint32_t Id = 0;
  mutable InternalMutex Mu;
  std::deque<std::shared_ptr<futures::detail::StateBase>> Work;
  WaitQueue Idle;     // workers waiting for work
  WaitQueue Spawned;  // shutdown waiting for a worker being started
  unsigned Spawning = 0;
  bool Shut = false;
  std::vector<std::unique_ptr<threading::Thread>> Threads;
};

} // namespace weft::core

#endif
