// expect("what", [&] { ... }): runs the call and prints what it raised, as
// Python's exception name and message ("what -> ValueError bad value"), or
// "what raised nothing". For the tests of Python's error messages.
#ifndef WEFT_TESTS_PROCESSES_EXPECT_H
#define WEFT_TESTS_PROCESSES_EXPECT_H
#include <weft/weft.h>

template <class F> void expect(const char *What, F Fn) {
  try {
    Fn();
    weft::print(What, "raised nothing");
  } catch (const weft::Error &E) {
    weft::print(What, "->", E.pythonName(), E.what());
  }
}
#endif
