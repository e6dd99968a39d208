//===- detect/IdMap.h - a map keyed by the trace's small integer ids ------===//
//
// Actors, objects and sites are numbered from 1 upwards as the program makes
// them, so the detectors' per-actor and per-object state fits a vector
// indexed by id: a lookup is an index, not a walk of a tree, on every lock
// and wait event. A key past DenseLimit (a trace file is untrusted input:
// its ids may be anything) goes to a std::map instead, so memory stays
// bounded by what the program used. Iteration is in key order, as with a
// std::map (the dense keys all come before the others), so findings that
// list state in order do not change.
//===----------------------------------------------------------------------===//
#ifndef WEFT_DETECT_IDMAP_H
#define WEFT_DETECT_IDMAP_H

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace weft::detect {

template <typename T> class IdMap {
public:
  /// Keys below this live in the vector (which grows to the largest key
  /// used, in steps of doubling).
  static constexpr uint32_t DenseLimit = uint32_t(1) << 20;

  /// The value of \p Key, or null.
  T *find(uint32_t Key) {
    if (Key < DenseLimit)
      return Key < Dense.size() && Dense[Key] ? &*Dense[Key] : nullptr;
    auto It = Sparse.find(Key);
    return It == Sparse.end() ? nullptr : &It->second;
  }
  const T *find(uint32_t Key) const {
    return const_cast<IdMap *>(this)->find(Key);
  }
  bool contains(uint32_t Key) const { return find(Key) != nullptr; }

  /// The value of \p Key, made (value-initialized) if missing.
  T &operator[](uint32_t Key) {
    if (Key >= DenseLimit) {
      auto [It, New] = Sparse.try_emplace(Key);
      Count += New;
      return It->second;
    }
    if (Key >= Dense.size())
      Dense.resize(std::max<size_t>(size_t(Key) + 1, Dense.size() * 2));
    if (!Dense[Key]) {
      Dense[Key].emplace();
      ++Count;
    }
    return *Dense[Key];
  }

  /// Removes \p Key (nothing if missing).
  void erase(uint32_t Key) {
    if (Key < DenseLimit) {
      if (Key < Dense.size() && Dense[Key]) {
        Dense[Key].reset();
        --Count;
      }
      return;
    }
    Count -= Sparse.erase(Key);
  }

  /// The number of keys present.
  size_t size() const { return Count; }
  bool empty() const { return Count == 0; }

  /// Calls \p Fn(Key, Value) for every key, in increasing order.
  template <typename Fn> void forEach(Fn &&F) const {
    for (size_t K = 0; K < Dense.size(); ++K)
      if (Dense[K])
        F(static_cast<uint32_t>(K), *Dense[K]);
    for (const auto &[K, V] : Sparse)
      F(K, V);
  }

private:
  std::vector<std::optional<T>> Dense;
  std::map<uint32_t, T> Sparse;
  size_t Count = 0;
};

} // namespace weft::detect

#endif
