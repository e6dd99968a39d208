// A Thread subclass whose run() takes two locks it was given, in the
// order of two members: per-class field identity.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <weft/threading.h>

using weft::threading::Lock;

class Philosopher : public weft::threading::Thread {
public:
  Philosopher(Lock &l, Lock &r) : left(l), right(r) {}
  void run() override {
    left.acquire();
    right.acquire();
    // CHECK: [[@LINE-1]]:5: warning: lock-order inversion (potential deadlock): 'Philosopher::left' and 'Philosopher::right' are acquired in opposite orders [lock-order-inversion]
    right.release();
    left.release();
  }
  void politely() {
    right.acquire();
    left.acquire();
    left.release();
    right.release();
  }

private:
  Lock &left;
  Lock &right;
};
