//===- runtime/lib/core/Stderr.h - the runtime's own messages -------------===//
//
// The runtime writes its reports and Python's messages ("Exception in
// thread ...") to file descriptor 2 with write(2): no stdio buffer that a
// crash, a fork or an _exit could lose or duplicate, and safe where the
// runtime must not allocate (a ThreadSanitizer report callback).
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_STDERR_H
#define WEFT_RUNTIME_STDERR_H

#include <string_view>

namespace weft::core {

/// Writes all of \p S to file descriptor \p Fd (retrying after EINTR and
/// short writes; gives up silently if the descriptor fails).
void writeAll(int Fd, std::string_view S);
/// writeAll to stderr.
inline void writeStderr(std::string_view S) { writeAll(2, S); }

} // namespace weft::core

#endif
