//===- weft/queue.h - Python's queue module in C++ ------------------------===//
//
//   Python                          weft
//   q = queue.Queue(5)              weft::queue::Queue<int> q(5);
//   queue.LifoQueue()               weft::queue::LifoQueue<T> q;
//   queue.PriorityQueue()           weft::queue::PriorityQueue<T> q;  (min first)
//   q.put(x); q.put(x, timeout=1)   q.put(x); q.put(x, true, 1.0);
//   q.get(); q.get(False)           q.get(); q.get(false);
//   q.put_nowait(x); q.get_nowait() q.put_nowait(x); q.get_nowait();
//   q.qsize(), q.empty(), q.full()  the same
//   q.task_done(); q.join()         the same
//   except queue.Empty / queue.Full catch (const weft::queue::Empty &) / Full
//
// Happens-before: a put happens before the get that receives its item; with
// maxsize K, get i happens before put i+K; the last task_done happens before
// join returns.
//
// The templates below only move items in and out of their container; the
// blocking, the counts, the events (QueuePut, QueueGot, TaskDone,
// QueueJoined, and WaitBlock/WaitWake for every wait) and the TSan
// annotations are in the non-template core (runtime/lib/QueueCore.h). The
// container is touched only under the core's mutex. See
// docs/python-mapping.md for the differences from Python.
//===----------------------------------------------------------------------===//
#ifndef WEFT_QUEUE_H
#define WEFT_QUEUE_H

#include "weft/errors.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <source_location>
#include <string>
#include <utility>
#include <vector>

namespace weft::core {
class QueueCore; // runtime/lib/QueueCore.h
} // namespace weft::core

namespace weft::queue {

using SourceLoc = std::source_location;

/// queue.Empty: get(block=False) / get_nowait() on an empty queue, or a
/// timed get that ran out of time. Python's message is empty too.
class Empty : public Error {
public:
  Empty() : Error("") {}
  const char *pythonName() const noexcept override { return "queue.Empty"; }
};

/// queue.Full: put(block=False) / put_nowait() on a full queue, or a timed
/// put that ran out of time.
class Full : public Error {
public:
  Full() : Error("") {}
  const char *pythonName() const noexcept override { return "queue.Full"; }
};

namespace detail {

enum class Kind : uint8_t { Fifo, Lifo, Priority };

/// The part of every queue that is not about the item type (defined in
/// runtime/lib/Queue.cpp over core::QueueCore).
class QueueBase {
public:
  QueueBase(const QueueBase &) = delete;
  QueueBase &operator=(const QueueBase &) = delete;

  /// Python's qsize(), empty(), full(): a snapshot, already stale when it
  /// returns if other threads use the queue ("check-then-act").
  long qsize() const;
  bool empty() const;
  bool full() const;
  long maxsize() const;

  /// Marks one item taken with get() as processed. One call too many raises
  /// ValueError("task_done() called too many times") and is reported as a
  /// task-done-overflow finding.
  void task_done(SourceLoc Loc = SourceLoc::current());
  /// Blocks until every item put has been marked with task_done().
  void join(SourceLoc Loc = SourceLoc::current());

  core::QueueCore &core() const { return *Core; }

protected:
  QueueBase(Kind K, long MaxSize, std::string Name, SourceLoc Loc);
  ~QueueBase();

  /// Called under the core's mutex once there is room: stores the item
  /// with \p Tag (the core's per-item token).
  using StoreFn = void (*)(void *Ctx, uint64_t Tag);
  /// Called under the core's mutex once there is an item: moves one out and
  /// returns its tag.
  using TakeFn = uint64_t (*)(void *Ctx);
  void putItem(bool Block, std::optional<double> Timeout, SourceLoc Loc,
               StoreFn Store, void *Ctx);
  void getItem(bool Block, std::optional<double> Timeout, SourceLoc Loc,
               TakeFn Take, void *Ctx);

private:
  std::unique_ptr<core::QueueCore> Core;
};

template <class T> struct Entry {
  T Item;
  uint64_t Tag;
};

/// queue.Queue's _put/_get: first in, first out.
template <class T> class FifoStore {
public:
  void push(T &&Item, uint64_t Tag) { Items.push_back({std::move(Item), Tag}); }
  uint64_t pop(std::optional<T> &Out) {
    Entry<T> &E = Items.front();
    Out.emplace(std::move(E.Item));
    uint64_t Tag = E.Tag;
    Items.pop_front();
    return Tag;
  }

private:
  std::deque<Entry<T>> Items;
};

/// queue.LifoQueue's: last in, first out.
template <class T> class LifoStore {
public:
  void push(T &&Item, uint64_t Tag) { Items.push_back({std::move(Item), Tag}); }
  uint64_t pop(std::optional<T> &Out) {
    Entry<T> &E = Items.back();
    Out.emplace(std::move(E.Item));
    uint64_t Tag = E.Tag;
    Items.pop_back();
    return Tag;
  }

private:
  std::vector<Entry<T>> Items;
};

/// queue.PriorityQueue's: heapq, the smallest item (by \p Compare) first.
template <class T, class Compare> class HeapStore {
public:
  explicit HeapStore(Compare C = Compare()) : Less(std::move(C)) {}
  void push(T &&Item, uint64_t Tag) {
    Items.push_back({std::move(Item), Tag});
    std::push_heap(Items.begin(), Items.end(), greater());
  }
  uint64_t pop(std::optional<T> &Out) {
    std::pop_heap(Items.begin(), Items.end(), greater());
    Entry<T> &E = Items.back();
    Out.emplace(std::move(E.Item));
    uint64_t Tag = E.Tag;
    Items.pop_back();
    return Tag;
  }

private:
  // std::*_heap keep the largest first; invert to get heapq's smallest.
  auto greater() {
    return [this](const Entry<T> &A, const Entry<T> &B) {
      return Less(B.Item, A.Item);
    };
  }
  Compare Less;
  std::vector<Entry<T>> Items;
};

template <class T, class Store> class BasicQueue : public QueueBase {
public:
  /// put(item, block=True, timeout=None). Raises Full when it cannot put:
  /// at once if !block, after \p timeout seconds otherwise.
  /// ValueError("'timeout' must be a non-negative number").
  void put(T item, bool block = true,
           std::optional<double> timeout = std::nullopt,
           SourceLoc Loc = SourceLoc::current()) {
    struct Ctx {
      Store *S;
      T *Item;
    } C{&Items, &item};
    putItem(
        block, timeout, Loc,
        [](void *P, uint64_t Tag) {
          auto *C = static_cast<Ctx *>(P);
          C->S->push(std::move(*C->Item), Tag);
        },
        &C);
  }
  /// get(block=True, timeout=None). Raises Empty when there is no item: at
  /// once if !block, after \p timeout seconds otherwise.
  T get(bool block = true, std::optional<double> timeout = std::nullopt,
        SourceLoc Loc = SourceLoc::current()) {
    std::optional<T> Out;
    struct Ctx {
      Store *S;
      std::optional<T> *Out;
    } C{&Items, &Out};
    getItem(
        block, timeout, Loc,
        [](void *P) -> uint64_t {
          auto *C = static_cast<Ctx *>(P);
          return C->S->pop(*C->Out);
        },
        &C);
    return std::move(*Out);
  }
  void put_nowait(T item, SourceLoc Loc = SourceLoc::current()) {
    put(std::move(item), false, std::nullopt, Loc);
  }
  T get_nowait(SourceLoc Loc = SourceLoc::current()) {
    return get(false, std::nullopt, Loc);
  }

protected:
  BasicQueue(Kind K, long MaxSize, std::string Name, SourceLoc Loc,
             Store S = Store())
      : QueueBase(K, MaxSize, std::move(Name), Loc), Items(std::move(S)) {}

private:
  Store Items; // guarded by the core's mutex
};

} // namespace detail

/// queue.Queue(maxsize=0): FIFO; maxsize <= 0 means unbounded.
template <class T> class Queue : public detail::BasicQueue<T, detail::FifoStore<T>> {
  using Base = detail::BasicQueue<T, detail::FifoStore<T>>;

public:
  explicit Queue(long maxsize = 0, SourceLoc Loc = SourceLoc::current())
      : Base(detail::Kind::Fifo, maxsize, "", Loc) {}
  /// A name shown in reports instead of the creation site.
  explicit Queue(std::string name, long maxsize = 0,
                 SourceLoc Loc = SourceLoc::current())
      : Base(detail::Kind::Fifo, maxsize, std::move(name), Loc) {}
};

/// queue.LifoQueue(maxsize=0): last in, first out (a stack).
template <class T>
class LifoQueue : public detail::BasicQueue<T, detail::LifoStore<T>> {
  using Base = detail::BasicQueue<T, detail::LifoStore<T>>;

public:
  explicit LifoQueue(long maxsize = 0, SourceLoc Loc = SourceLoc::current())
      : Base(detail::Kind::Lifo, maxsize, "", Loc) {}
  explicit LifoQueue(std::string name, long maxsize = 0,
                     SourceLoc Loc = SourceLoc::current())
      : Base(detail::Kind::Lifo, maxsize, std::move(name), Loc) {}
};

/// queue.PriorityQueue(maxsize=0): the smallest item first, as heapq does
/// (use std::pair / std::tuple for Python's `(priority, data)` entries).
/// \p Compare is a "less than"; pass std::greater<T> for largest first.
template <class T, class Compare = std::less<T>>
class PriorityQueue
    : public detail::BasicQueue<T, detail::HeapStore<T, Compare>> {
  using Base = detail::BasicQueue<T, detail::HeapStore<T, Compare>>;
  using Store = detail::HeapStore<T, Compare>;

public:
  explicit PriorityQueue(long maxsize = 0,
                         SourceLoc Loc = SourceLoc::current())
      : Base(detail::Kind::Priority, maxsize, "", Loc) {}
  PriorityQueue(long maxsize, Compare comp,
                SourceLoc Loc = SourceLoc::current())
      : Base(detail::Kind::Priority, maxsize, "", Loc, Store(std::move(comp))) {}
  explicit PriorityQueue(std::string name, long maxsize = 0,
                         Compare comp = Compare(),
                         SourceLoc Loc = SourceLoc::current())
      : Base(detail::Kind::Priority, maxsize, std::move(name), Loc,
             Store(std::move(comp))) {}
};

} // namespace weft::queue

#endif
