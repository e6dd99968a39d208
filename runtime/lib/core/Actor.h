//===- runtime/lib/core/Actor.h - actors and their registry --------------------===//
//
// An actor is anything the trace can name as "who did it": the main thread,
// a weft Thread, a foreign thread that called into weft, and later a
// process, an asyncio task or a green task. Each has a small id (the trace's
// u16 actor field), a name, a type, a daemon flag and a parking word that
// the Kernel uses to block and wake it. Actors are never freed: a daemon
// thread may still touch its actor while the program exits.
//
// Threading: the registry is thread-safe; id lookups are lock-free.
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_ACTOR_H
#define WEFT_RUNTIME_ACTOR_H

#include "core/Futex.h"
#include "trace/Record.h"

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace weft::core {

struct ThreadState;

struct Actor {
  uint16_t Id = 0;
  trace::ActorType Type = trace::ActorType::Thread;
  std::atomic<bool> Daemon{false};
  /// Between start and end (Python's is_alive / enumerate).
  std::atomic<bool> Alive{false};
  /// Trace site id of the call that started it (0: none, e.g. main).
  uint32_t StartSite = 0;
  /// The native kernel's permit word (see Kernel.h).
  std::atomic<uint32_t> ParkWord{0};
  /// Per-actor state of another kernel back end (the controlled scheduler).
  void *KernelData = nullptr;
  /// The threading module's state, for thread actors.
  ThreadState *Thread = nullptr;

private:
  friend class ActorRegistry;
  std::string Name; // guarded by the registry's mutex
};

class ActorRegistry {
public:
  static constexpr uint32_t MaxActors = 65535;

  /// Registers a new actor (not yet alive). Aborts with a message past
  /// MaxActors: the trace cannot name more.
  Actor &create(trace::ActorType Type, std::string Name, bool Daemon);
  /// The actor with \p Id, or null.
  Actor *get(uint32_t Id) const {
    return Id == 0 || Id > MaxActors
               ? nullptr
               : Table[Id].load(std::memory_order_acquire);
  }
  std::string name(const Actor &A) const;
  void setName(Actor &A, std::string Name);
  /// Alive actors in id order (the main thread, id 1, first).
  std::vector<Actor *> alive() const;
  /// Python's shared counter behind "Thread-N" and "Dummy-N" (from 1).
  unsigned nextNameNumber();

private:
  mutable InternalMutex Mu;
  std::atomic<Actor *> Table[MaxActors + 1] = {};
  std::atomic<uint32_t> Count{0};
  unsigned NameCounter = 0;
};

/// The actor the calling OS thread runs, or null if it has none yet.
Actor *boundActor();
/// Makes \p A the calling OS thread's actor (null to unbind).
void bindActor(Actor *A);

} // namespace weft::core

#endif
