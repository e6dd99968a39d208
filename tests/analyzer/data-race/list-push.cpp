// Two threads push onto a global linked list.
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
// CHECK: warning: data race on 'head'
#include <thread>
#include <iostream>
struct Node { int val; Node *next; };
Node *head = nullptr;
void push(int v) { Node *n = new Node{v, head}; head = n; }
int main() { std::thread t1(push, 1), t2(push, 2); t1.join(); t2.join(); std::cout << head->val; }
