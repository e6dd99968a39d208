// Racy (second labeled batch).
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
// CHECK: warning: data race on 'origin.x'
// CHECK: warning: data race on 'origin.y'
#include <thread>
struct Point { int x, y; };
Point origin;
void mover() { origin.x += 1; origin.y += 1; }
void reader(int *out) { *out = origin.x + origin.y; }
int main() { int r; std::thread a(mover); std::thread b(reader, &r); a.join(); b.join(); return r; }
