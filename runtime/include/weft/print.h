//===- weft/print.h - Python's print(), one line per call -----------------===//
//
// weft::print(a, b, c) writes "a b c\n" with a single write(2), so lines of
// different threads never interleave mid-line (std::cout << a << b may).
// Values are formatted with operator<<; bool prints True/False.
//===----------------------------------------------------------------------===//
#ifndef WEFT_PRINT_H
#define WEFT_PRINT_H

#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>

namespace weft {

namespace detail {
void writeLine(std::string_view Line); // one write(2) to stdout
template <class T> void put(std::ostringstream &OS, const T &V) {
  if constexpr (std::is_same_v<T, bool>)
    OS << (V ? "True" : "False");
  else
    OS << V;
}
} // namespace detail

template <class... Ts> void print(const Ts &...Vs) {
  std::ostringstream OS;
  bool First = true;
  ((OS << (First ? "" : " "), detail::put(OS, Vs), First = false), ...);
  OS << '\n';
  detail::writeLine(OS.str());
}

} // namespace weft

#endif
