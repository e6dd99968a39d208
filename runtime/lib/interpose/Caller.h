//===- runtime/lib/interpose/Caller.h - the program's line behind a call -------===//
//
// A taken-over call names the program's own source line, not a line of
// libstdc++'s headers or of the C library: the return address of the call
// (std::mutex::lock is inlined into the program, so that is usually the
// program's code) or, when the caller is a shared library
// (std::condition_variable::wait and std::thread live in libstdc++.so), the
// first frame of the stack that is in the program. That address is turned
// into file:line:column by llvm-symbolizer, started once per process as a
// co-process and asked once per address (docs/plain-programs.md, "Source
// lines"). Of the inlined frames at an address, the innermost whose file
// is not a system header (/usr/include, /usr/lib) is the one named: the
// line that wrote `std::lock_guard g(m);`, not std_mutex.h.
//===----------------------------------------------------------------------===//
#ifndef WEFT_INTERPOSE_CALLER_H
#define WEFT_INTERPOSE_CALLER_H

#include <cstddef>
#include <source_location>
#include <string>

namespace weft::interpose {

/// Whether \p Pc is in the program's own code (the executable).
bool inProgram(const void *Pc);

/// Whether \p Ret, a return address in the program, is in weft's own code
/// (the runtime and the trace library use std::mutex themselves).
bool fromWeft(const void *Ret);

/// The program's source line behind a taken-over call whose return address
/// is \p Ret: Ret itself if it is in the program and names a user line,
/// else the first such frame further up the stack. An unknown place (no
/// debug information) has the file "<unknown>".
std::source_location callerLocation(const void *Ret);

/// The name of the program's global variable at \p Addr: "m" (also for
/// the first member of a struct "m"), "forks[2]" in an array of
/// \p ElementSize-byte objects, "acct+48" further inside another object;
/// empty when \p Addr is no global's (heap, stack, no symbols).
std::string globalName(const void *Addr, size_t ElementSize);

/// The name of the program's object at \p Addr (a mutex, a condition) in
/// reports: globalName(), else "first used at FILE:LINE" (\p Loc) for one
/// on the heap or the stack.
std::string objectName(const void *Addr, size_t Size,
                       const std::source_location &Loc);

} // namespace weft::interpose

#endif
