//===- runtime/lib/core/Stderr.cpp - the runtime's own messages -----------===//
#include "core/Stderr.h"

#include <cerrno>
#include <unistd.h>

namespace weft::core {

void writeAll(int Fd, std::string_view S) {
  while (!S.empty()) {
    ssize_t N = ::write(Fd, S.data(), S.size());
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return;
    S.remove_prefix(static_cast<size_t>(N));
  }
}

} // namespace weft::core
