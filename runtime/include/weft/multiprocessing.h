//===- weft/multiprocessing.h - Python's multiprocessing, C++ spelling -----===//
//
// Processes as Python's multiprocessing makes them (with the "fork" start
// method, Linux's default up to Python 3.13): a Process runs its target, or
// the run() of a subclass, in a child process that starts as a copy of the
// parent. Memory is not shared afterwards: what the child writes, the
// parent does not see (sample P06).
//
// Every child is an actor of the run: it records into its own trace file
// (docs/processes.md), and its start, end and the parent's join are in the
// traces. Names, defaults and error messages are Python's:
//
//   weft::multiprocessing::Process p(work, std::string("test"));
//   p.start();                  // Process-1
//   p.join();
//   print(p.exitcode());        // 0
//===----------------------------------------------------------------------===//
#ifndef WEFT_MULTIPROCESSING_H
#define WEFT_MULTIPROCESSING_H

#include "weft/errors.h"
#include "weft/queue.h"

#include <cereal/archives/binary.hpp>
#include <cereal/types/array.hpp>
#include <cereal/types/deque.hpp>
#include <cereal/types/list.hpp>
#include <cereal/types/map.hpp>
#include <cereal/types/optional.hpp>
#include <cereal/types/set.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/tuple.hpp>
#include <cereal/types/unordered_map.hpp>
#include <cereal/types/unordered_set.hpp>
#include <cereal/types/utility.hpp>
#include <cereal/types/variant.hpp>
#include <cereal/types/vector.hpp>

#include <functional>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <sstream>
#include <string_view>
#include <optional>
#include <source_location>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

namespace weft::multiprocessing {

using SourceLoc = std::source_location;

/// Process(name=..., daemon=...).
struct ProcessOptions {
  std::string name;
  /// Unset: the creating process's own daemon flag, as in Python.
  std::optional<bool> daemon;
};

namespace detail {
struct ProcessState;
}

class Process {
public:
  /// For subclasses that override run().
  Process();
  explicit Process(ProcessOptions Opts);
  /// Process(target=F, args=(Args...)). The child gets copies of the
  /// arguments (it starts as a copy of the parent: nothing is pickled).
  template <class F, class... Args,
            class = std::enable_if_t<
                !std::is_same_v<std::decay_t<F>, ProcessOptions> &&
                std::is_invocable_v<std::decay_t<F>, std::decay_t<Args> &...>>>
  explicit Process(F &&Target, Args &&...A)
      : Process(ProcessOptions{}, std::forward<F>(Target),
                std::forward<Args>(A)...) {}
  template <class F, class... Args>
  Process(ProcessOptions Opts, F &&Target, Args &&...A)
      : Process(std::move(Opts)) {
    setTarget([Fn = std::decay_t<F>(std::forward<F>(Target)),
               Tup = std::make_tuple(std::decay_t<Args>(
                   std::forward<Args>(A))...)]() mutable {
      std::apply(Fn, Tup);
    });
  }
  virtual ~Process();
  Process(const Process &) = delete;
  Process &operator=(const Process &) = delete;

  /// Starts the child. AssertionError "cannot start a process twice" the
  /// second time; "daemonic processes are not allowed to have children" in
  /// a daemon; "can only start a process object created by current
  /// process" in another process.
  void start(SourceLoc Loc = SourceLoc::current());
  /// Waits for the child to end, at most \p Timeout seconds if given.
  /// AssertionError "can only join a started process", "can only join a
  /// child process".
  void join(std::optional<double> Timeout = std::nullopt,
            SourceLoc Loc = SourceLoc::current());
  /// True from start() until the child has ended (a look: it waits for
  /// nothing). "can only test a child process" from another process.
  bool is_alive(SourceLoc Loc = SourceLoc::current());
  /// SIGTERM / SIGKILL to the child (nothing once it was waited for).
  /// Before start: AttributeError, as Python's.
  void terminate(SourceLoc Loc = SourceLoc::current());
  void kill(SourceLoc Loc = SourceLoc::current());

  /// None (nullopt) until started.
  std::optional<int> pid() const;
  std::optional<int> ident() const { return pid(); }
  /// None until the child has ended (as seen by join or is_alive); then its
  /// exit code: 0, 1 after an exception in run(), -N when killed by signal N.
  std::optional<int> exitcode(SourceLoc Loc = SourceLoc::current());
  /// "Process-1" (the class's name for a subclass: "Worker-1"; a child's
  /// children: "Process-1:1").
  std::string name() const;
  void set_name(std::string Name);
  bool daemon() const;
  /// AssertionError "process has already started" once started.
  void set_daemon(bool Daemonic);

  /// What the child runs: the target, unless a subclass overrides it.
  virtual void run();

  /// The runtime's state (internal).
  const std::shared_ptr<detail::ProcessState> &state() const { return State; }

protected:
  void setTarget(std::function<void()> Fn);

private:
  friend struct detail::ProcessState;
  std::shared_ptr<detail::ProcessState> State;
};

// -- Values that cross processes ---------------------------------------------
//
// What Python pickles, weft serializes with cereal (Debian's libcereal-dev):
// numbers, bool, std::string, and vectors, arrays, deques, lists, maps,
// sets, pairs, tuples, optionals and variants of those, out of the box. A
// type of your own crosses processes once it has cereal's one
// customization point, a serialize function (member or free):
//
//   struct Task { int id; std::string url;
//                 template <class Archive> void serialize(Archive &ar) { ar(id, url); } };
//
// Anything else is a compile-time error that says so (Python: "cannot
// pickle"). A received value is made with its default constructor, then
// filled in.

namespace detail {
template <class T>
inline constexpr bool Picklable =
    cereal::traits::is_output_serializable<T, cereal::BinaryOutputArchive>::value &&
    cereal::traits::is_input_serializable<T, cereal::BinaryInputArchive>::value;

template <class T> std::string dumps(const T &Value) {
  static_assert(Picklable<T>,
                "weft::multiprocessing: this type cannot cross processes "
                "(Python: it cannot be pickled). Give it a cereal serialize "
                "function: template <class Archive> void serialize(Archive "
                "&ar) { ar(field1, field2); } (docs/processes.md)");
  std::ostringstream OS;
  {
    cereal::BinaryOutputArchive A(OS);
    A(Value);
  }
  return std::move(OS).str();
}

/// Raises ValueError when \p Bytes does not hold a T (cereal ran out of
/// input: the sender sent another type).
std::string undecodable(std::string_view What);
template <class T> T loads(const std::string &Bytes) {
  static_assert(Picklable<T>,
                "weft::multiprocessing: this type cannot cross processes "
                "(Python: it cannot be pickled). Give it a cereal serialize "
                "function (docs/processes.md)");
  static_assert(std::is_default_constructible_v<T>,
                "weft::multiprocessing: a received value is default-"
                "constructed, then filled in: give the type a default "
                "constructor");
  std::istringstream IS(Bytes);
  T Value{};
  try {
    cereal::BinaryInputArchive A(IS);
    A(Value);
  } catch (const cereal::Exception &E) {
    throw ValueError(undecodable(E.what()));
  }
  return Value;
}

struct ConnectionState;
struct SharedLock;
} // namespace detail

// -- Lock ------------------------------------------------------------------------

/// multiprocessing.Lock: a lock in memory shared by the processes forked
/// after it was made. Copies (a Process's argument) are the same lock.
/// Any process or thread may release it, as Python's. A cycle of processes
/// waiting for each other's Locks is reported as a deadlock within a
/// fraction of a second and the run ends, instead of hanging.
class Lock {
public:
  explicit Lock(SourceLoc Loc = SourceLoc::current());
  /// acquire(block=True, timeout=None): true if acquired.
  bool acquire(bool Block = true, std::optional<double> Timeout = std::nullopt,
               SourceLoc Loc = SourceLoc::current());
  /// ValueError "semaphore or lock released too many times" when free.
  void release(SourceLoc Loc = SourceLoc::current());
  // Lockable: weft::threading::Guard, std::lock_guard, std::unique_lock.
  void lock(SourceLoc Loc = SourceLoc::current()) { acquire(true, std::nullopt, Loc); }
  void unlock(SourceLoc Loc = SourceLoc::current()) { release(Loc); }
  bool try_lock(SourceLoc Loc = SourceLoc::current()) { return acquire(false, std::nullopt, Loc); }

private:
  detail::SharedLock *S;
};

// -- Pipe ----------------------------------------------------------------------

/// One end of a Pipe (multiprocessing.connection.Connection). Copies are
/// references to the same end, as Python's names are; the end is closed
/// by close() or when the last copy in this process goes away. A forked
/// child has its own copy of every end open at the fork: a reader sees
/// EOFError only once every copy of the other end is closed, in every
/// process (Python's rule too).
class Connection {
public:
  /// Sends a value (serialized; see above). OSError "handle is closed",
  /// "connection is read-only"; BrokenPipeError when nobody can read.
  template <class T> void send(const T &Obj, SourceLoc Loc = SourceLoc::current()) {
    send_bytes(detail::dumps(Obj), Loc);
  }
  /// Receives the next value, which must have been sent as a T. Blocks
  /// until one comes; EOFError when the other end is closed and nothing is
  /// left; OSError "connection is write-only".
  template <class T> T recv(SourceLoc Loc = SourceLoc::current()) {
    return detail::loads<T>(recv_bytes(Loc));
  }
  void send_bytes(std::string_view Bytes, SourceLoc Loc = SourceLoc::current());
  std::string recv_bytes(SourceLoc Loc = SourceLoc::current());
  /// Whether there is something to read (or the other end is closed), after
  /// waiting at most \p Timeout seconds (nullopt: forever; 0: a look).
  bool poll(std::optional<double> Timeout = 0.0);
  void close();
  bool closed() const;
  bool readable() const;
  bool writable() const;
  int fileno() const;

  /// Made by Pipe() (internal).
  explicit Connection(std::shared_ptr<detail::ConnectionState> S)
      : State(std::move(S)) {}

private:
  std::shared_ptr<detail::ConnectionState> State;
};

/// multiprocessing.Pipe(duplex=True): (conn1, conn2). Duplex: both ends send
/// and receive. Not duplex: conn1 only receives, conn2 only sends.
std::pair<Connection, Connection> Pipe(bool duplex = true,
                                       SourceLoc Loc = SourceLoc::current());

// -- Queue -----------------------------------------------------------------------

namespace detail {
struct QueueState;
/// What a Queue<T> is apart from its item type (Queue.cpp).
class QueueBase {
public:
  QueueBase(int MaxSize, SourceLoc Loc);
  void putBytes(std::string Bytes, bool Block, std::optional<double> Timeout,
                SourceLoc Loc);
  std::string getBytes(bool Block, std::optional<double> Timeout,
                       SourceLoc Loc);
  bool empty() const;
  bool full() const;
  int qsize() const;
  void close();
  void join_thread();

private:
  std::shared_ptr<QueueState> State;
};
} // namespace detail

/// multiprocessing.Queue(maxsize=0) of values of type T (serialized; see
/// above). Copies (a Process's argument) are the same queue. put() writes
/// the item into the pipe under the queue's writer lock (Python hands it to
/// a feeder thread instead, so here put blocks while the pipe is full);
/// get() reads one under the reader lock. Errors as Python's: queue.Empty,
/// queue.Full (weft::queue::Empty / Full), ValueError "Queue ... is closed".
template <class T> class Queue {
public:
  explicit Queue(int maxsize = 0, SourceLoc Loc = SourceLoc::current())
      : Base(maxsize, Loc) {}
  void put(const T &Obj, bool block = true,
           std::optional<double> timeout = std::nullopt,
           SourceLoc Loc = SourceLoc::current()) {
    Base.putBytes(detail::dumps(Obj), block, timeout, Loc);
  }
  T get(bool block = true, std::optional<double> timeout = std::nullopt,
        SourceLoc Loc = SourceLoc::current()) {
    return detail::loads<T>(Base.getBytes(block, timeout, Loc));
  }
  void put_nowait(const T &Obj, SourceLoc Loc = SourceLoc::current()) {
    put(Obj, false, std::nullopt, Loc);
  }
  T get_nowait(SourceLoc Loc = SourceLoc::current()) {
    return get(false, std::nullopt, Loc);
  }
  /// Not reliable across processes, as Python says: another process may
  /// put or get right after.
  bool empty() const { return Base.empty(); }
  bool full() const { return Base.full(); }
  int qsize() const { return Base.qsize(); }
  /// No more puts from this process.
  void close() { Base.close(); }
  /// AssertionError "Queue ... not closed" before close().
  void join_thread() { Base.join_thread(); }

private:
  detail::QueueBase Base;
};

// -- Pool ------------------------------------------------------------------------

namespace detail {
/// Runs one task in a worker process: decodes the arguments, calls the
/// function, encodes what it returned. What it throws crosses back by its
/// Python name and message.
using TaskRunner = std::string (*)(uint64_t Fn, const std::string &Args);

/// A task's function as it crosses to a worker: a function's address (the
/// same in every process forked from this program) or, for a lambda without
/// captures, nothing (the worker makes one).
template <class F> inline constexpr bool PoolCallable =
    std::is_pointer_v<F> ||
    (std::is_empty_v<F> && std::is_default_constructible_v<F>);

template <class F, class R, class... A>
std::string runTask(uint64_t Fn, const std::string &Args) {
  F Func = [Fn] {
    if constexpr (std::is_pointer_v<F>)
      return reinterpret_cast<F>(Fn);
    else
      return F{};
  }();
  std::tuple<A...> Tup = loads<std::tuple<A...>>(Args);
  if constexpr (std::is_void_v<R>) {
    std::apply(Func, std::move(Tup));
    return std::string();
  } else {
    return dumps(std::apply(Func, std::move(Tup)));
  }
}

struct AsyncState;
struct PoolState;
/// What an AsyncResult is apart from its value's type (Pool.cpp).
class AsyncBase {
public:
  explicit AsyncBase(std::shared_ptr<AsyncState> S) : S(std::move(S)) {}
  bool ready() const;
  bool successful() const;
  void wait(std::optional<double> Timeout, SourceLoc Loc);
  /// The encoded value; raises what the task raised, or TimeoutError.
  const std::string &getBytes(std::optional<double> Timeout, SourceLoc Loc);

private:
  std::shared_ptr<AsyncState> S;
};

class PoolBase {
public:
  PoolBase(std::optional<int> Processes, SourceLoc Loc);
  /// Queues a task. \p OnValue / \p OnError run in the pool's result
  /// thread, before the result is ready (Python's callback order).
  AsyncBase submit(TaskRunner Run, uint64_t Fn, std::string Args,
                   std::function<void(const std::string &)> OnValue,
                   std::function<void(const Error &)> OnError, SourceLoc Loc);
  void close(SourceLoc Loc);
  void join(SourceLoc Loc);
  void terminate(SourceLoc Loc);

private:
  std::shared_ptr<PoolState> State;
};
} // namespace detail

/// What Pool.apply_async returns (multiprocessing.pool.AsyncResult).
template <class R> class AsyncResult {
public:
  explicit AsyncResult(detail::AsyncBase B) : B(std::move(B)) {}
  /// The task's value once it is done, at most \p timeout seconds later
  /// (TimeoutError); raises what the task raised.
  R get(std::optional<double> timeout = std::nullopt,
        SourceLoc Loc = SourceLoc::current()) {
    const std::string &Bytes = B.getBytes(timeout, Loc);
    if constexpr (!std::is_void_v<R>)
      return detail::loads<R>(Bytes);
  }
  void wait(std::optional<double> timeout = std::nullopt,
            SourceLoc Loc = SourceLoc::current()) {
    B.wait(timeout, Loc);
  }
  bool ready() const { return B.ready(); }
  /// ValueError "... not ready" before the task is done.
  bool successful() const { return B.successful(); }

private:
  detail::AsyncBase B;
};

/// multiprocessing.Pool(processes=None): worker processes (os.cpu_count()
/// of them by default, named ForkPoolWorker-1...) started at once, each
/// taking tasks from one task queue and sending results back; a thread of
/// this process hands the results to their AsyncResults and runs the
/// callbacks. A task's function must be a function, or a lambda without
/// captures (Python: it must be picklable); its arguments and value cross
/// processes as a Queue's items do. The destructor calls terminate(), as
/// leaving `with Pool() as pool:` does.
///
///   weft::multiprocessing::Pool pool(5);
///   pool.apply_async(func1, std::make_tuple(std::string("malu1")), func2);
///   pool.close();
///   pool.join();
class Pool {
public:
  explicit Pool(std::optional<int> processes = std::nullopt,
                SourceLoc Loc = SourceLoc::current())
      : Base(processes, Loc) {}
  ~Pool() { Base.terminate(SourceLoc::current()); }
  Pool(const Pool &) = delete;
  Pool &operator=(const Pool &) = delete;

  /// apply_async(func, args=(), callback=None, error_callback=None).
  /// ValueError "Pool not running" after close() or terminate().
  template <class F, class... A,
            class R = std::invoke_result_t<std::decay_t<F> &, A &...>>
  AsyncResult<R>
  apply_async(F &&func, std::tuple<A...> args = {},
              std::function<void(std::conditional_t<std::is_void_v<R>, int, R>)>
                  callback = {},
              std::function<void(const Error &)> error_callback = {},
              SourceLoc Loc = SourceLoc::current()) {
    using Fn = std::decay_t<F>;
    static_assert(detail::PoolCallable<Fn>,
                  "weft::multiprocessing::Pool: a task must be a function or "
                  "a lambda without captures (Python: the function must be "
                  "picklable, defined at the top of a module)");
    uint64_t Bits = 0;
    if constexpr (std::is_pointer_v<Fn>)
      Bits = reinterpret_cast<uint64_t>(func);
    std::function<void(const std::string &)> OnValue;
    if (callback)
      OnValue = [callback](const std::string &Bytes) {
        if constexpr (std::is_void_v<R>)
          callback(0);
        else
          callback(detail::loads<R>(Bytes));
      };
    return AsyncResult<R>(Base.submit(&detail::runTask<Fn, R, A...>, Bits,
                                      detail::dumps(args), std::move(OnValue),
                                      std::move(error_callback), Loc));
  }
  /// apply(func, args): apply_async(...).get().
  template <class F, class... A,
            class R = std::invoke_result_t<std::decay_t<F> &, A &...>>
  R apply(F &&func, std::tuple<A...> args = {},
          SourceLoc Loc = SourceLoc::current()) {
    return apply_async(std::forward<F>(func), std::move(args), {}, {}, Loc)
        .get(std::nullopt, Loc);
  }
  /// map(func, iterable): func of each item, in a worker each, the values
  /// in the items' order. Raises the first exception a task raised.
  template <class F, class Range,
            class T = std::decay_t<decltype(*std::begin(std::declval<Range &>()))>,
            class R = std::invoke_result_t<std::decay_t<F> &, T &>>
  std::vector<R> map(F &&func, const Range &iterable,
                     SourceLoc Loc = SourceLoc::current()) {
    std::vector<AsyncResult<R>> Pending;
    for (const auto &Item : iterable)
      Pending.push_back(apply_async(func, std::make_tuple(T(Item)), {}, {}, Loc));
    std::vector<R> Out;
    Out.reserve(Pending.size());
    for (AsyncResult<R> &P : Pending)
      Out.push_back(P.get(std::nullopt, Loc));
    return Out;
  }
  template <class F, class T,
            class R = std::invoke_result_t<std::decay_t<F> &, T &>>
  std::vector<R> map(F &&func, std::initializer_list<T> iterable,
                     SourceLoc Loc = SourceLoc::current()) {
    return map(std::forward<F>(func), std::vector<T>(iterable), Loc);
  }
  /// No more tasks; the workers end once the queued ones are done.
  void close(SourceLoc Loc = SourceLoc::current()) { Base.close(Loc); }
  /// Waits for the workers to end. ValueError "Pool is still running"
  /// before close() or terminate().
  void join(SourceLoc Loc = SourceLoc::current()) { Base.join(Loc); }
  /// Stops the workers now (SIGTERM); tasks not done never will be.
  void terminate(SourceLoc Loc = SourceLoc::current()) { Base.terminate(Loc); }

private:
  detail::PoolBase Base;
};

/// The Process object of the calling process (a stand-in named
/// "MainProcess" in the first one).
Process &current_process();
/// Children of this process that are still running (finished ones are
/// waited for on the way, as Python's does).
std::vector<Process *> active_children();
/// os.cpu_count(): the number of CPUs online.
int cpu_count();

} // namespace weft::multiprocessing

#endif
