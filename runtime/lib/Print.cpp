//===- runtime/lib/Print.cpp - weft::print's single write -----------------===//
#include "weft/print.h"

#include <cerrno>
#include <cstdio>
#include <unistd.h>

namespace weft::detail {

void writeLine(std::string_view Line) {
  // Whatever stdio holds goes first, so print() and printf() keep order.
  std::fflush(stdout);
  size_t Done = 0;
  while (Done < Line.size()) {
    ssize_t N = ::write(1, Line.data() + Done, Line.size() - Done);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return;
    Done += static_cast<size_t>(N);
  }
}

} // namespace weft::detail
