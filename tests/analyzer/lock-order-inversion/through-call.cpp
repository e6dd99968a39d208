// The second lock is taken inside a callee: the edge carries the call.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <mutex>

std::mutex accounts, log_lock;
int balance;

void log_event() {
  std::lock_guard<std::mutex> g(log_lock);
  // CHECK: [[@LINE-1]]:3: warning: lock-order inversion (potential deadlock): 'accounts' and 'log_lock' are acquired in opposite orders [lock-order-inversion]
  // CHECK-NEXT: :[[#@LINE-2]]:3: note: 'log_lock' acquired here while holding 'accounts'
  // CHECK-NEXT: :[[#@LINE+7]]:3: note: through the call to 'log_event' here
  // CHECK-NEXT: :[[#@LINE+4]]:3: note: 'accounts' acquired here
}

void deposit(int x) {
  std::lock_guard<std::mutex> g(accounts);
  balance += x;
  log_event();
}

void audit() {
  std::lock_guard<std::mutex> g(log_lock);
  std::lock_guard<std::mutex> h(accounts);
}
