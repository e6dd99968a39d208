//===- runtime/lib/asyncio/Warnings.h - asyncio's own warnings as findings ----===//
//
// What asyncio's debug mode and the interpreter report about coroutines,
// made by the runtime (not the trace's detectors: they follow the life of
// C++ objects, not recorded operations) and kept like the detectors'
// findings (Monitor::addFindingLocked):
//   coroutine-never-awaited         a coroutine object destroyed unstarted
//   task-exception-never-retrieved  a task ended by an exception nobody
//                                   awaited or asked for
//   loop-stalled                    one step of a task took longer than
//                                   asyncio's slow_callback_duration (0.1 s)
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_ASYNCIO_WARNINGS_H
#define WEFT_RUNTIME_ASYNCIO_WARNINGS_H

#include "asyncio/Loop.h"

#include <cstdint>
#include <string>

namespace weft::asyncio::detail {

/// "f" of the signature "Coroutine<int> f(int)" (Python's __qualname__,
/// without the namespaces' prefix).
std::string coroutineName(const char *FunctionName);
void exceptionNeverRetrieved(TaskState &T);
/// \p T's step from the await at \p FromSite took \p Ns.
void loopStalled(TaskState &T, int64_t Ns, uint32_t FromSite);

} // namespace weft::asyncio::detail

#endif
