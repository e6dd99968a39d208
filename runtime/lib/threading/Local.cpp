//===- runtime/lib/threading/Local.cpp - threading.local ----------------------------===//
#include "threading/Local.h"

#include "core/Actor.h"
#include "core/Runtime.h"
#include "tsan/TsanAnnotations.h"
#include "weft/threading.h"

#include <map>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace weft::core {
namespace {

struct LocalTable {
  InternalMutex Mu;
  uint32_t NextId = 1;
  /// (actor id, local id) -> value.
  std::map<std::pair<uint32_t, uint32_t>, std::shared_ptr<void>> Slots;
};

LocalTable &table() {
  static LocalTable *T = new LocalTable(); // immortal: daemons may use it
  return *T;
}

/// Destroys \p Values (user destructors) and swallows what they throw, as
/// Python ignores errors while it clears a thread's locals.
void destroy(std::vector<std::shared_ptr<void>> &Values) {
  for (auto &V : Values) {
    try {
      V.reset();
    } catch (...) {
    }
  }
}

} // namespace

void localsThreadEnded(Actor &A) {
  std::vector<std::shared_ptr<void>> Gone;
  {
    WEFT_TSAN_IGNORE_ACCESSES();
    LocalTable &T = table();
    std::lock_guard<InternalMutex> G(T.Mu);
    auto First = T.Slots.lower_bound({A.Id, 0});
    auto Last = T.Slots.lower_bound({uint32_t(A.Id) + 1, 0});
    for (auto It = First; It != Last; ++It)
      Gone.push_back(std::move(It->second));
    T.Slots.erase(First, Last);
  }
  destroy(Gone);
}

} // namespace weft::core

namespace weft::threading::detail {

uint32_t localCreate() {
  WEFT_TSAN_IGNORE_ACCESSES();
  core::LocalTable &T = core::table();
  std::lock_guard<core::InternalMutex> G(T.Mu);
  return T.NextId++;
}

void localDestroy(uint32_t Id) {
  std::vector<std::shared_ptr<void>> Gone;
  {
    WEFT_TSAN_IGNORE_ACCESSES();
    core::LocalTable &T = core::table();
    std::lock_guard<core::InternalMutex> G(T.Mu);
    for (auto It = T.Slots.begin(); It != T.Slots.end();) {
      if (It->first.second == Id) {
        Gone.push_back(std::move(It->second));
        It = T.Slots.erase(It);
      } else {
        ++It;
      }
    }
  }
  core::destroy(Gone);
}

void *localFind(uint32_t Id) {
  WEFT_TSAN_IGNORE_ACCESSES();
  uint32_t Me = core::self().Id;
  core::LocalTable &T = core::table();
  std::lock_guard<core::InternalMutex> G(T.Mu);
  auto It = T.Slots.find({Me, Id});
  return It == T.Slots.end() ? nullptr : It->second.get();
}

void *localStore(uint32_t Id, std::shared_ptr<void> Value) {
  std::shared_ptr<void> Old;
  void *Raw = Value.get();
  {
    WEFT_TSAN_IGNORE_ACCESSES();
    uint32_t Me = core::self().Id;
    core::LocalTable &T = core::table();
    std::lock_guard<core::InternalMutex> G(T.Mu);
    std::shared_ptr<void> &Slot = T.Slots[{Me, Id}];
    Old = std::move(Slot);
    Slot = std::move(Value);
  }
  return Raw; // Old is destroyed here, outside the mutex
}

bool localErase(uint32_t Id) {
  std::shared_ptr<void> Old;
  {
    WEFT_TSAN_IGNORE_ACCESSES();
    uint32_t Me = core::self().Id;
    core::LocalTable &T = core::table();
    std::lock_guard<core::InternalMutex> G(T.Mu);
    auto It = T.Slots.find({Me, Id});
    if (It == T.Slots.end())
      return false;
    Old = std::move(It->second);
    T.Slots.erase(It);
  }
  return true;
}

void localMissing(const std::string &Name) {
  throw AttributeError("'_thread._local' object has no attribute '" + Name +
                       "'");
}

} // namespace weft::threading::detail
