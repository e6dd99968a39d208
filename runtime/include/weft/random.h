//===- weft/random.h - Python's random module -----------------------------===//
//
// weft::random is Python's `random`: one Mersenne Twister (MT19937) that
// every thread shares, with Python's algorithms, so random::seed(42) gives
// the numbers Python's random.seed(42) gives (random(), randint, randrange,
// uniform, choice, shuffle, getrandbits).
//
// Seeding:
//   - a native run seeds it from the OS (std::random_device), as Python
//     seeds from os.urandom: every run draws different numbers;
//   - under the controlled scheduler (WEFT_SCHEDULE) it starts as
//     random.seed(S) with S the schedule's seed (the trace header's seed), so
//     the same schedule draws the same numbers and `weft replay` draws the
//     recording's numbers (docs/controlled.md).
//
// Each call is atomic (Python's GIL makes each call atomic too); the
// generator's lock is invisible to ThreadSanitizer, so two threads that both
// draw numbers are not ordered by it. Drawing is not a weft operation: it
// records no event and is no scheduling point.
//===----------------------------------------------------------------------===//
#ifndef WEFT_RANDOM_H
#define WEFT_RANDOM_H

#include "weft/errors.h"

#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <ranges>
#include <utility>

namespace weft {

// IndexError (random.choice of an empty sequence) is in weft/errors.h.

namespace random {

/// random.random(): a float in [0.0, 1.0) with 53 random bits.
double random();
/// random.seed(n): the generator restarts as Python's seed(n) (|n| is used).
void seed(long long N);
/// random.seed() / seed(None): a fresh seed from the OS (native), or one
/// derived from the schedule's seed under the controlled scheduler.
void seed();
/// random.getrandbits(k), 0 <= k <= 64 (ValueError otherwise; Python takes
/// any k).
unsigned long long getrandbits(int K);
/// random.randrange(stop), randrange(start, stop[, step]). ValueError as
/// Python's: "empty range for randrange() ...", "zero step for randrange()".
long long randrange(long long Stop);
long long randrange(long long Start, long long Stop, long long Step = 1);
/// random.randint(a, b): a <= N <= b.
long long randint(long long A, long long B);
/// random.uniform(a, b): a + (b - a) * random().
double uniform(double A, double B);

namespace detail {
/// Python's _randbelow(n): uniform in [0, n), n > 0 (getrandbits(k) with
/// rejection, k = n.bit_length()).
unsigned long long randbelow(unsigned long long N);
} // namespace detail

/// random.choice(seq): a random element (a reference into \p Seq).
/// IndexError("Cannot choose from an empty sequence") if it is empty.
template <std::ranges::random_access_range Seq>
decltype(auto) choice(Seq &&S) {
  auto N = static_cast<unsigned long long>(std::ranges::size(S));
  if (N == 0)
    throw IndexError("Cannot choose from an empty sequence");
  auto I = detail::randbelow(N);
  return std::ranges::begin(S)[static_cast<std::ranges::range_difference_t<Seq>>(I)];
}
/// random.choice([1, 2, 3]) spelled choice({1, 2, 3}): a copy.
template <class T> T choice(std::initializer_list<T> L) {
  if (L.size() == 0)
    throw IndexError("Cannot choose from an empty sequence");
  return L.begin()[detail::randbelow(L.size())];
}

/// random.shuffle(x): shuffles \p S in place (Python's Fisher-Yates, the
/// same swaps for the same seed).
template <std::ranges::random_access_range Seq> void shuffle(Seq &&S) {
  auto N = static_cast<unsigned long long>(std::ranges::size(S));
  auto First = std::ranges::begin(S);
  using Diff = std::ranges::range_difference_t<Seq>;
  for (unsigned long long I = N; I-- > 1;) {
    auto J = detail::randbelow(I + 1);
    std::ranges::iter_swap(First + static_cast<Diff>(I),
                           First + static_cast<Diff>(J));
  }
}

} // namespace random
} // namespace weft

#endif
