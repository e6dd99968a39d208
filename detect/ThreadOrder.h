//===- detect/ThreadOrder.h - the order that start and join impose --------===//
//
// Vector clocks over thread start and join only: each actor's clock counts
// the starts and joins it made and inherits its parent's at its start and
// the joined actor's at a join. Two stamps that are not ordered belong to
// parts of the run that can overlap in time in another schedule; two that
// are ordered cannot (one is over before the other begins), whatever the
// scheduler does. Locks, queues and events are deliberately not edges: the
// lock-order check asks whether two acquisitions could overlap under
// another interleaving of the same threads, and those orders are exactly
// what another interleaving changes.
//
// Stamps are shared (copy on write): an actor that takes locks in a loop
// without starting or joining anything hands out one stamp.
//===----------------------------------------------------------------------===//
#ifndef WEFT_DETECT_THREADORDER_H
#define WEFT_DETECT_THREADORDER_H

#include <cstdint>
#include <memory>
#include <vector>

namespace weft::detect {

/// A vector clock, indexed by actor id; missing entries are 0.
using OrderStamp = std::shared_ptr<const std::vector<uint32_t>>;

class ThreadOrder {
public:
  /// \p Parent started \p Child.
  void started(uint32_t Parent, uint32_t Child);
  /// \p Joiner saw \p Joined end (a join that returned because it ended).
  void joined(uint32_t Joiner, uint32_t Joined);
  /// The current stamp of \p Actor (its own entry at least 1).
  OrderStamp stamp(uint32_t Actor);

  /// A <= B: everything A saw, B saw (A happened before B, or equal).
  static bool before(const OrderStamp &A, const OrderStamp &B);
  /// Neither before the other: the two can overlap.
  static bool concurrent(const OrderStamp &A, const OrderStamp &B) {
    return !before(A, B) && !before(B, A);
  }

private:
  std::vector<uint32_t> &own(uint32_t Actor);
  void tick(uint32_t Actor);
  std::vector<OrderStamp> Clocks; // by actor id
};

} // namespace weft::detect

#endif
