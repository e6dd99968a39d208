// Helpers defined in another file (Inputs/enter-leave.c) return holding
// the lock / release it: their summaries apply here, so the early return
// that skips table_leave() is found, and the balanced caller is not.
// RUN: %expect-exit 1 %weft analyze %s %S/Inputs/enter-leave.c --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
void table_enter(void);
void table_leave(void);

int table[8];

int get(int i) {
  table_enter();
  int v = table[i & 7];
  table_leave();
  return v;
}

int set(int i, int v) {
  table_enter();
  // CHECK: [[@LINE-1]]:3: warning: 'table_lock' acquired here is not released when the function returns at line [[#@LINE+3]] [missing-release]
  // CHECK-NEXT: enter-leave.c:6:26: note: 'table_lock' acquired here, in 'table_enter'
  if (i < 0)
    return -1;
  // CHECK-NEXT: :[[#@LINE-1]]:5: note: returns here with 'table_lock' held
  table[i & 7] = v;
  table_leave();
  return 0;
}
