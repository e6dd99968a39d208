//===- runtime/lib/core/Actor.cpp - actors and their registry ------------------===//
#include "core/Actor.h"

#include <cstdlib>
#include <mutex>
#include <unistd.h>

namespace weft::core {
namespace {
thread_local Actor *Bound = nullptr;
} // namespace

Actor *boundActor() { return Bound; }
void bindActor(Actor *A) { Bound = A; }

Actor &ActorRegistry::create(trace::ActorType Type, std::string Name,
                             bool Daemon) {
  auto *A = new Actor(); // never freed, see the header
  A->Type = Type;
  A->Daemon.store(Daemon, std::memory_order_relaxed);
  A->Name = std::move(Name);
  std::lock_guard<InternalMutex> G(Mu);
  uint32_t Id = Count.load(std::memory_order_relaxed) + 1;
  if (Id > MaxActors) {
    static const char Msg[] =
        "weft: too many threads: the trace can name at most 65535 actors\n";
    ssize_t R = ::write(2, Msg, sizeof(Msg) - 1);
    (void)R;
    std::abort();
  }
  A->Id = static_cast<uint16_t>(Id);
  Table[Id].store(A, std::memory_order_release);
  Count.store(Id, std::memory_order_release);
  return *A;
}

std::string ActorRegistry::name(const Actor &A) const {
  std::lock_guard<InternalMutex> G(Mu);
  return A.Name;
}

void ActorRegistry::setName(Actor &A, std::string Name) {
  std::lock_guard<InternalMutex> G(Mu);
  A.Name = std::move(Name);
}

std::vector<Actor *> ActorRegistry::alive() const {
  std::vector<Actor *> Out;
  uint32_t N = Count.load(std::memory_order_acquire);
  for (uint32_t Id = 1; Id <= N; ++Id)
    if (Actor *A = Table[Id].load(std::memory_order_acquire))
      if (A->Alive.load(std::memory_order_acquire))
        Out.push_back(A);
  return Out;
}

unsigned ActorRegistry::nextNameNumber() {
  std::lock_guard<InternalMutex> G(Mu);
  return ++NameCounter;
}

} // namespace weft::core
