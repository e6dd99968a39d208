// weft::random is Python's random: the same seed gives the same numbers as
// CPython (MT19937, init_by_array, random(), getrandbits, _randbelow,
// randrange, randint, uniform, choice, shuffle), and misuse raises Python's
// errors. The Python program in the "PY:" lines below prints what this one
// must print; the test runs both and compares.
// RUN: %weft c++ %s -o %t
// RUN: %t > %t.out 2>&1
// RUN: sed -n 's|^// PY: ||p' %s > %t.py
// RUN: %python %t.py > %t.expected
// RUN: diff %t.expected %t.out
// Not seeded: two native runs differ (seeded from the OS, 2^-53 chance).
// RUN: %t unseeded > %t.a
// RUN: %t unseeded > %t.b
// RUN: not diff -q %t.a %t.b
//
// PY: import random, sys
// PY: def g(x): print('%.17g' % x)
// PY: def err(f):
// PY:     try:
// PY:         f(); print('no exception')
// PY:     except Exception as e:
// PY:         print(type(e).__name__ + ':', e)
// PY: random.seed(42)
// PY: g(random.random())
// PY: print(*[random.randint(1, 10) for _ in range(8)])
// PY: print(random.randint(1, 4), random.randint(-5, 5), random.randint(7, 7))
// PY: print(random.randrange(100), random.randrange(0, 100, 7), random.randrange(10, -10, -3))
// PY: g(random.uniform(1, 2)); g(random.uniform(5, -5))
// PY: xs = [10, 20, 30, 40, 50]
// PY: print(random.choice(xs), random.choice("abcdef"))
// PY: ys = list(range(10)); random.shuffle(ys); print(*ys)
// PY: print(random.getrandbits(1), random.getrandbits(32), random.getrandbits(40), random.getrandbits(64))
// PY: print(random.randint(-2**62, 2**62), random.randint(0, 2**63 - 2))
// PY: random.seed(-7); g(random.random())
// PY: random.seed(2**40 + 3); g(random.random()); print(random.randrange(-1000, 1000))
// PY: random.seed(0); g(random.random())
// PY: err(lambda: random.randint(5, 1))
// PY: err(lambda: random.randrange(0))
// PY: err(lambda: random.randrange(0, 10, 0))
// PY: err(lambda: random.randrange(0, 10, -1))
// PY: err(lambda: random.choice([]))

#include <weft/weft.h>

#include <climits>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

using namespace weft;

void g(double X) {
  char B[64];
  std::snprintf(B, sizeof B, "%.17g", X);
  print(B);
}

template <class F> void err(F Fn) {
  try {
    Fn();
    print("no exception");
  } catch (const weft::Error &E) {
    print(std::string(E.pythonName()) + ":", E.what());
  }
}

int main(int argc, char **argv) {
  if (argc > 1 && std::strcmp(argv[1], "unseeded") == 0) {
    g(random::random());
    return 0;
  }
  random::seed(42);
  g(random::random());
  for (int I = 0; I < 8; ++I)
    std::printf("%s%lld", I ? " " : "", random::randint(1, 10));
  std::printf("\n");
  std::fflush(stdout);
  long long A = random::randint(1, 4), B = random::randint(-5, 5),
            C = random::randint(7, 7);
  print(A, B, C);
  long long D = random::randrange(100), E = random::randrange(0, 100, 7),
            F = random::randrange(10, -10, -3);
  print(D, E, F);
  g(random::uniform(1, 2));
  g(random::uniform(5, -5));
  std::vector<int> Xs{10, 20, 30, 40, 50};
  int X = random::choice(Xs);
  std::string Letters = "abcdef";
  char L = random::choice(Letters);
  print(X, std::string(1, L));
  std::vector<int> Ys{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  random::shuffle(Ys);
  print(Ys[0], Ys[1], Ys[2], Ys[3], Ys[4], Ys[5], Ys[6], Ys[7], Ys[8], Ys[9]);
  unsigned long long B1 = random::getrandbits(1), B32 = random::getrandbits(32),
                     B40 = random::getrandbits(40), B64 = random::getrandbits(64);
  print(B1, B32, B40, B64);
  long long Big1 = random::randint(-(1LL << 62), 1LL << 62);
  long long Big2 = random::randint(0, LLONG_MAX - 1);
  print(Big1, Big2);
  random::seed(-7);
  g(random::random());
  random::seed((1LL << 40) + 3);
  g(random::random());
  print(random::randrange(-1000, 1000));
  random::seed(0);
  g(random::random());
  err([] { random::randint(5, 1); });
  err([] { random::randrange(0); });
  err([] { random::randrange(0, 10, 0); });
  err([] { random::randrange(0, 10, -1); });
  err([] { random::choice(std::vector<int>{}); });
}
