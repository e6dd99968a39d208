//===- detect/ThreadOrder.cpp - the order that start and join impose ------===//
#include "detect/ThreadOrder.h"

#include <algorithm>

namespace weft::detect {

std::vector<uint32_t> &ThreadOrder::own(uint32_t Actor) {
  if (Clocks.size() <= Actor)
    Clocks.resize(Actor + 1);
  OrderStamp &S = Clocks[Actor];
  // Copy on write: a stamp handed out stays as it was.
  if (!S || S.use_count() > 1) {
    auto Copy = S ? std::make_shared<std::vector<uint32_t>>(*S)
                  : std::make_shared<std::vector<uint32_t>>();
    if (Copy->size() <= Actor)
      Copy->resize(Actor + 1, 0);
    if ((*Copy)[Actor] == 0)
      (*Copy)[Actor] = 1;
    S = Copy;
  }
  return const_cast<std::vector<uint32_t> &>(*S);
}

void ThreadOrder::tick(uint32_t Actor) { ++own(Actor)[Actor]; }

void ThreadOrder::started(uint32_t Parent, uint32_t Child) {
  std::vector<uint32_t> Inherited = own(Parent);
  std::vector<uint32_t> &C = own(Child);
  if (C.size() < Inherited.size())
    C.resize(Inherited.size(), 0);
  for (size_t I = 0; I < Inherited.size(); ++I)
    C[I] = std::max(C[I], Inherited[I]);
  tick(Parent); // what the parent does next is not before the child
}

void ThreadOrder::joined(uint32_t Joiner, uint32_t Joined) {
  std::vector<uint32_t> Ended = own(Joined);
  std::vector<uint32_t> &J = own(Joiner);
  if (J.size() < Ended.size())
    J.resize(Ended.size(), 0);
  for (size_t I = 0; I < Ended.size(); ++I)
    J[I] = std::max(J[I], Ended[I]);
  tick(Joined); // anything recorded for it later is after the join
  tick(Joiner);
}

OrderStamp ThreadOrder::stamp(uint32_t Actor) {
  own(Actor);
  return Clocks[Actor];
}

bool ThreadOrder::before(const OrderStamp &A, const OrderStamp &B) {
  if (A == B)
    return true;
  const std::vector<uint32_t> &X = *A, &Y = *B;
  for (size_t I = 0; I < X.size(); ++I)
    if (X[I] > (I < Y.size() ? Y[I] : 0))
      return false;
  return true;
}

} // namespace weft::detect
