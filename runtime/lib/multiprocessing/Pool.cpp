//===- runtime/lib/multiprocessing/Pool.cpp - multiprocessing.Pool --------===//
//
// A Pool is made of parts that already exist: worker Processes (forked at
// once, before any thread of the pool starts), a multiprocessing Queue of
// tasks they all read, a Queue of results they all write, and a threading
// Thread of this process (Python's result handler) that reads the results,
// runs the callbacks and sets each AsyncResult's threading Event. So every
// step is in the trace with its happens-before edge: put -> get (message
// send -> receive) for the task and its result, set -> wait for get().
//===----------------------------------------------------------------------===//
#include "weft/multiprocessing.h"
#include "weft/threading.h"

#include "core/Futex.h"

#include <map>
#include <mutex>

namespace weft::multiprocessing {
namespace detail {
namespace {

/// A task as it crosses to a worker. Runner 0: no more tasks.
struct TaskMsg {
  uint64_t Id = 0, Runner = 0, Fn = 0;
  std::string Args;
  template <class Archive> void serialize(Archive &Ar) { Ar(Id, Runner, Fn, Args); }
};

/// A task's outcome as it crosses back. Id 0: the result thread ends.
struct ResultMsg {
  uint64_t Id = 0;
  bool Ok = false;
  std::string Value, ErrType, ErrMsg;
  template <class Archive> void serialize(Archive &Ar) {
    Ar(Id, Ok, Value, ErrType, ErrMsg);
  }
};

} // namespace

struct AsyncState {
  explicit AsyncState(SourceLoc Loc) : Done(Loc) {}
  threading::Event Done;
  bool Ok = false; // written before Done is set, read after it
  std::string Value, ErrType, ErrMsg;
  std::function<void(const std::string &)> OnValue;
  std::function<void(const Error &)> OnError;
};

struct PoolState {
  PoolState(SourceLoc Loc) : Tasks(0, Loc), Results(0, Loc) {}
  Queue<TaskMsg> Tasks;
  Queue<ResultMsg> Results;
  std::vector<std::unique_ptr<Process>> Workers;
  std::unique_ptr<threading::Thread> Handler;
  core::InternalMutex Mu; // guards the fields below
  std::map<uint64_t, std::shared_ptr<AsyncState>> Pending;
  uint64_t NextId = 0;
  enum { Running, Closed, Terminated } Phase = Running;
  bool Joined = false;

  void workerLoop();
  void handleResults();
  void stopHandler();
};

void PoolState::workerLoop() {
  for (;;) {
    TaskMsg T = Tasks.get();
    if (T.Runner == 0)
      return;
    ResultMsg R;
    R.Id = T.Id;
    try {
      R.Value = reinterpret_cast<TaskRunner>(T.Runner)(T.Fn, T.Args);
      R.Ok = true;
    } catch (const Error &E) {
      R.ErrType = E.pythonName();
      R.ErrMsg = E.what();
    } catch (const std::exception &E) {
      R.ErrType = "Exception";
      R.ErrMsg = E.what();
    }
    Results.put(R);
  }
}

void PoolState::handleResults() {
  for (;;) {
    ResultMsg M = Results.get();
    if (M.Id == 0)
      return;
    std::shared_ptr<AsyncState> A;
    {
      std::lock_guard<core::InternalMutex> G(Mu);
      auto It = Pending.find(M.Id);
      if (It == Pending.end())
        continue;
      A = It->second;
      Pending.erase(It);
    }
    A->Ok = M.Ok;
    A->Value = std::move(M.Value);
    A->ErrType = std::move(M.ErrType);
    A->ErrMsg = std::move(M.ErrMsg);
    // Python's ApplyResult._set: the callback, then the event.
    try {
      if (A->Ok && A->OnValue)
        A->OnValue(A->Value);
      if (!A->Ok && A->OnError) {
        try {
          raiseByName(A->ErrType, A->ErrMsg);
        } catch (const Error &E) {
          A->OnError(E);
        }
      }
    } catch (...) {
      // A callback that raises: Python's handler thread dies with it; here
      // the other results still arrive.
    }
    A->Done.set();
  }
}

void PoolState::stopHandler() {
  if (!Handler)
    return;
  Results.put(ResultMsg{}); // from this process: the handler's last item
  Handler->join();
  Handler.reset();
}

AsyncBase PoolBase::submit(TaskRunner Run, uint64_t Fn, std::string Args,
                           std::function<void(const std::string &)> OnValue,
                           std::function<void(const Error &)> OnError,
                           SourceLoc Loc) {
  auto A = std::make_shared<AsyncState>(Loc);
  A->OnValue = std::move(OnValue);
  A->OnError = std::move(OnError);
  uint64_t Id;
  {
    std::lock_guard<core::InternalMutex> G(State->Mu);
    if (State->Phase != PoolState::Running)
      throw ValueError("Pool not running");
    Id = ++State->NextId;
    State->Pending[Id] = A;
  }
  State->Tasks.put(TaskMsg{Id, reinterpret_cast<uint64_t>(Run), Fn,
                           std::move(Args)},
                   true, std::nullopt, Loc);
  return AsyncBase(std::move(A));
}

PoolBase::PoolBase(std::optional<int> Processes, SourceLoc Loc)
    : State(std::make_shared<PoolState>(Loc)) {
  int N = Processes.value_or(cpu_count());
  if (N < 1)
    throw ValueError("Number of processes must be at least 1");
  PoolState *S = State.get();
  // The workers first: a fork copies only the forking thread.
  for (int I = 0; I < N; ++I) {
    auto W = std::make_unique<Process>(
        ProcessOptions{"ForkPoolWorker-" + std::to_string(I + 1), true},
        [S] { S->workerLoop(); });
    W->start(Loc);
    State->Workers.push_back(std::move(W));
  }
  State->Handler = std::make_unique<threading::Thread>(
      threading::ThreadOptions{"", true}, [S] { S->handleResults(); });
  State->Handler->start(Loc);
}

void PoolBase::close(SourceLoc) {
  std::lock_guard<core::InternalMutex> G(State->Mu);
  if (State->Phase == PoolState::Running)
    State->Phase = PoolState::Closed;
}

void PoolBase::join(SourceLoc Loc) {
  {
    std::lock_guard<core::InternalMutex> G(State->Mu);
    if (State->Phase == PoolState::Running)
      throw ValueError("Pool is still running");
    if (State->Joined)
      return;
    State->Joined = true;
  }
  // After the queued tasks, one "no more" per worker.
  if (State->Phase == PoolState::Closed)
    for (size_t I = 0; I < State->Workers.size(); ++I)
      State->Tasks.put(TaskMsg{}, true, std::nullopt, Loc);
  for (auto &W : State->Workers)
    W->join(std::nullopt, Loc);
  State->stopHandler();
}

void PoolBase::terminate(SourceLoc Loc) {
  bool Idle;
  {
    std::lock_guard<core::InternalMutex> G(State->Mu);
    if (State->Joined)
      return;
    State->Phase = PoolState::Terminated;
    State->Joined = true;
    Idle = State->Pending.empty();
  }
  if (Idle) {
    // Every task is done and every worker waits for the next: telling them
    // there is none ends them as SIGTERM would, and their traces close
    // cleanly (the usual end of `with Pool() as pool:` after map()).
    for (size_t I = 0; I < State->Workers.size(); ++I)
      State->Tasks.put(TaskMsg{}, true, std::nullopt, Loc);
  } else {
    for (auto &W : State->Workers)
      W->terminate(Loc);
  }
  for (auto &W : State->Workers)
    W->join(std::nullopt, Loc);
  State->stopHandler();
}

bool AsyncBase::ready() const { return S->Done.is_set(); }

bool AsyncBase::successful() const {
  if (!ready())
    throw ValueError("<multiprocessing.pool.ApplyResult object> not ready");
  return S->Ok;
}

void AsyncBase::wait(std::optional<double> Timeout, SourceLoc Loc) {
  S->Done.wait(Timeout, Loc);
}

const std::string &AsyncBase::getBytes(std::optional<double> Timeout,
                                       SourceLoc Loc) {
  if (!S->Done.wait(Timeout, Loc))
    throw TimeoutError("");
  if (!S->Ok)
    raiseByName(S->ErrType, S->ErrMsg);
  return S->Value;
}

} // namespace detail
} // namespace weft::multiprocessing
