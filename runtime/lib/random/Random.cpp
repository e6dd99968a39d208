//===- runtime/lib/random/Random.cpp - Python's random module --------------------===//
//
// One MT19937 shared by every thread (Python's _random.Random), guarded by
// an InternalMutex (a futex the controlled scheduler knows and TSan does not
// see). The algorithms are CPython's (Modules/_randommodule.c and
// Lib/random.py), so a seed gives Python's numbers:
//   - seed(n): init_by_array over the 32-bit words of |n|, least significant
//     first (at least one word);
//   - random(): (a >> 5, b >> 6) of two outputs, 53 bits;
//   - getrandbits(k): words least significant first, the last one shifted;
//   - _randbelow(n): getrandbits(n.bit_length()) until it is below n.
// The generator is seeded on first use: from std::random_device (Python:
// os.urandom) in a native run, as random.seed(S) under the controlled
// scheduler, S being the schedule's seed, which the trace header stores, so
// a replay (whose header seed is the recording's) draws the same numbers.
//===----------------------------------------------------------------------===//
#include "weft/random.h"

#include "sched/ControlledKernel.h"
#include "core/Futex.h"
#include "core/Runtime.h"
#include "tsan/TsanAnnotations.h"

#include <mutex>
#include <random>
#include <string>
#include <vector>

namespace weft::random {
namespace {

class Mt19937 {
public:
  static constexpr int N = 624, M = 397;

  void initGenrand(uint32_t S) {
    Mt[0] = S;
    for (int I = 1; I < N; ++I)
      Mt[I] = 1812433253u * (Mt[I - 1] ^ (Mt[I - 1] >> 30)) +
              static_cast<uint32_t>(I);
    Index = N;
  }

  void initByArray(const uint32_t *Key, size_t Len) {
    initGenrand(19650218u);
    size_t I = 1, J = 0;
    for (size_t K = N > Len ? size_t(N) : Len; K; --K) {
      Mt[I] = (Mt[I] ^ ((Mt[I - 1] ^ (Mt[I - 1] >> 30)) * 1664525u)) +
              Key[J] + static_cast<uint32_t>(J);
      ++I;
      ++J;
      if (I >= size_t(N)) {
        Mt[0] = Mt[N - 1];
        I = 1;
      }
      if (J >= Len)
        J = 0;
    }
    for (size_t K = N - 1; K; --K) {
      Mt[I] = (Mt[I] ^ ((Mt[I - 1] ^ (Mt[I - 1] >> 30)) * 1566083941u)) -
              static_cast<uint32_t>(I);
      ++I;
      if (I >= size_t(N)) {
        Mt[0] = Mt[N - 1];
        I = 1;
      }
    }
    Mt[0] = 0x80000000u;
    Index = N;
  }

  uint32_t next() {
    constexpr uint32_t Upper = 0x80000000u, Lower = 0x7fffffffu;
    constexpr uint32_t Mag01[2] = {0u, 0x9908b0dfu};
    if (Index >= N) {
      int K = 0;
      for (; K < N - M; ++K) {
        uint32_t Y = (Mt[K] & Upper) | (Mt[K + 1] & Lower);
        Mt[K] = Mt[K + M] ^ (Y >> 1) ^ Mag01[Y & 1];
      }
      for (; K < N - 1; ++K) {
        uint32_t Y = (Mt[K] & Upper) | (Mt[K + 1] & Lower);
        Mt[K] = Mt[K + (M - N)] ^ (Y >> 1) ^ Mag01[Y & 1];
      }
      uint32_t Y = (Mt[N - 1] & Upper) | (Mt[0] & Lower);
      Mt[N - 1] = Mt[M - 1] ^ (Y >> 1) ^ Mag01[Y & 1];
      Index = 0;
    }
    uint32_t Y = Mt[Index++];
    Y ^= Y >> 11;
    Y ^= (Y << 7) & 0x9d2c5680u;
    Y ^= (Y << 15) & 0xefc60000u;
    Y ^= Y >> 18;
    return Y;
  }

  /// 1 <= K <= 64.
  uint64_t bits(int K) {
    if (K <= 32)
      return next() >> (32 - K);
    uint64_t Lo = next();
    uint64_t Hi = next() >> (64 - K);
    return (Hi << 32) | Lo;
  }

  uint64_t below(uint64_t Bound) {
    int K = 64 - __builtin_clzll(Bound); // Bound.bit_length()
    uint64_t R = bits(K);
    while (R >= Bound)
      R = bits(K);
    return R;
  }

  double real() {
    uint32_t A = next() >> 5, B = next() >> 6;
    return (A * 67108864.0 + B) * (1.0 / 9007199254740992.0);
  }

private:
  uint32_t Mt[N];
  int Index = N + 1;
};

struct Shared {
  core::InternalMutex Mu;
  Mt19937 Gen;
  bool Seeded = false;
  uint64_t Reseeds = 0; // argument-less seed() calls (controlled runs)
};

Shared &shared() {
  static Shared *S = new Shared(); // immortal: threads may draw at exit
  return *S;
}

void seedWords(Mt19937 &G, const std::vector<uint32_t> &Key) {
  G.initByArray(Key.data(), Key.size());
}

/// Python's random.seed(n) for an integer n >= 0.
void seedInteger(Mt19937 &G, uint64_t N) {
  std::vector<uint32_t> Key{static_cast<uint32_t>(N)};
  if (N >> 32)
    Key.push_back(static_cast<uint32_t>(N >> 32));
  seedWords(G, Key);
}

/// seed() with no argument. Native: 624 words from the OS, as CPython reads
/// from os.urandom. Controlled: the first seeding is random.seed(S); the
/// n-th explicit seed() uses the words [S low, S high, n] (deterministic).
void seedFresh(Shared &S, bool Explicit) {
  if (core::ControlledKernel *K = core::controlledKernel()) {
    uint64_t Seed = K->seed();
    if (!Explicit)
      return seedInteger(S.Gen, Seed);
    ++S.Reseeds;
    seedWords(S.Gen, {static_cast<uint32_t>(Seed),
                      static_cast<uint32_t>(Seed >> 32),
                      static_cast<uint32_t>(S.Reseeds)});
    return;
  }
  std::random_device Dev;
  std::vector<uint32_t> Key(Mt19937::N);
  for (uint32_t &W : Key)
    W = Dev();
  seedWords(S.Gen, Key);
}

/// The shared generator, locked and seeded.
class Locked {
public:
  /// \p Reseeding: the caller seeds it (no first seeding needed).
  explicit Locked(bool Reseeding = false) : S(shared()) {
    // The runtime decides native or controlled; create it first, outside
    // the generator's lock.
    (void)core::runtime();
    S.Mu.lock();
    if (Reseeding)
      S.Seeded = true;
    if (!S.Seeded) {
      seedFresh(S, /*Explicit=*/false);
      S.Seeded = true;
    }
  }
  ~Locked() { S.Mu.unlock(); }
  Locked(const Locked &) = delete;
  Locked &operator=(const Locked &) = delete;
  Mt19937 &gen() { return S.Gen; }
  Shared &state() { return S; }

private:
  Shared &S;
};

[[noreturn]] void emptyRange(__int128 Start, __int128 Stop, __int128 Width) {
  auto Str = [](__int128 V) {
    bool Neg = V < 0;
    unsigned __int128 U = Neg ? static_cast<unsigned __int128>(-(V + 1)) + 1
                              : static_cast<unsigned __int128>(V);
    std::string D;
    do {
      D.insert(D.begin(), static_cast<char>('0' + static_cast<int>(U % 10)));
      U /= 10;
    } while (U);
    return Neg ? "-" + D : D;
  };
  throw ValueError("empty range for randrange() (" + Str(Start) + ", " +
                   Str(Stop) + ", " + Str(Width) + ")");
}

/// Uniform in [0, Width), 0 < Width <= 2^64.
unsigned __int128 belowWide(Mt19937 &G, unsigned __int128 Width) {
  if (Width > UINT64_MAX)
    return G.bits(64); // the full 64-bit range
  return G.below(static_cast<uint64_t>(Width));
}

long long randrangeImpl(__int128 Start, __int128 Stop, __int128 Step) {
  WEFT_TSAN_IGNORE_ACCESSES();
  __int128 Width = Stop - Start;
  if (Step == 1) {
    if (Width <= 0)
      emptyRange(Start, Stop, Width);
    Locked L;
    return static_cast<long long>(
        Start + static_cast<__int128>(
                    belowWide(L.gen(), static_cast<unsigned __int128>(Width))));
  }
  auto FloorDiv = [](__int128 A, __int128 B) { // Python's //
    __int128 Q = A / B;
    return (A % B != 0 && ((A < 0) != (B < 0))) ? Q - 1 : Q;
  };
  __int128 N;
  if (Step > 0)
    N = FloorDiv(Width + Step - 1, Step);
  else if (Step < 0)
    N = FloorDiv(Width + Step + 1, Step);
  else
    throw ValueError("zero step for randrange()");
  if (N <= 0)
    throw ValueError("empty range for randrange()");
  Locked L;
  return static_cast<long long>(
      Start + Step * static_cast<__int128>(
                         belowWide(L.gen(), static_cast<unsigned __int128>(N))));
}

} // namespace

double random() {
  WEFT_TSAN_IGNORE_ACCESSES();
  Locked L;
  return L.gen().real();
}

void seed(long long N) {
  WEFT_TSAN_IGNORE_ACCESSES();
  uint64_t Abs = N < 0 ? static_cast<uint64_t>(-(N + 1)) + 1
                       : static_cast<uint64_t>(N);
  Locked L(/*Reseeding=*/true);
  seedInteger(L.gen(), Abs);
}

void seed() {
  WEFT_TSAN_IGNORE_ACCESSES();
  Locked L(/*Reseeding=*/true);
  seedFresh(L.state(), /*Explicit=*/true);
}

unsigned long long getrandbits(int K) {
  WEFT_TSAN_IGNORE_ACCESSES();
  if (K < 0)
    throw ValueError("number of bits must be non-negative");
  if (K > 64)
    throw ValueError("weft::random::getrandbits: at most 64 bits");
  if (K == 0)
    return 0;
  Locked L;
  return L.gen().bits(K);
}

long long randrange(long long Stop) {
  if (Stop <= 0)
    throw ValueError("empty range for randrange()");
  return randrangeImpl(0, Stop, 1);
}

long long randrange(long long Start, long long Stop, long long Step) {
  return randrangeImpl(Start, Stop, Step);
}

long long randint(long long A, long long B) {
  return randrangeImpl(A, static_cast<__int128>(B) + 1, 1);
}

double uniform(double A, double B) {
  double R = random();
  return A + (B - A) * R;
}

namespace detail {
unsigned long long randbelow(unsigned long long N) {
  WEFT_TSAN_IGNORE_ACCESSES();
  if (N == 0)
    return 0;
  Locked L;
  return L.gen().below(N);
}
} // namespace detail

} // namespace weft::random
