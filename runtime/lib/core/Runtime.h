//===- runtime/lib/core/Runtime.h - the runtime's one instance -----------------===//
//
// Created on first use of any API (a function-local static; never freed, so
// daemon threads still running at exit find it intact). Creation reads the
// settings, opens the trace, registers the main thread as actor 1
// "MainThread" and arranges the end-of-run work:
//   - a thread_local guard on the main thread, whose destructor runs right
//     after main returns and BEFORE static destructors (glibc runs the
//     exiting thread's TLS destructors first) — so global Locks are still
//     alive while non-daemon threads are waited for;
//   - atexit as the fallback (exit() called from another thread).
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_RUNTIME_H
#define WEFT_RUNTIME_RUNTIME_H

#include "core/Actor.h"
#include "core/Flags.h"
#include "record/Monitor.h"
#include "record/Recorder.h"

#include <functional>

namespace weft::core {

struct Runtime {
  Flags Settings;
  ActorRegistry Actors;
  Recorder Rec;
  Monitor Mon{Rec, Actors, Settings};
  Actor *Main = nullptr;
  /// Where this process's trace goes (a forked child's: see
  /// docs/trace-format.md, runs with processes).
  std::string TracePath;
  /// A forked child's runtime: its end records process-end with ExitCode.
  bool Child = false;
  int ExitCode = 0;
  /// Once the program has started processes: the run-wide count of
  /// processes that ended with findings (shared memory). The first process
  /// ends with WEFT_EXITCODE when it is not 0, as if it had them itself.
  std::atomic<uint32_t> *RunFindings = nullptr;
};

/// The runtime, created on first call.
Runtime &runtime();
/// In a child process right after fork(), on the only thread it has: a new
/// runtime for the child, recording into \p TracePath, with the calling
/// thread as its main thread (actor 1). The parent's runtime (\p Parent)
/// is left untouched and never written again. Returns the main actor.
Actor &restartAfterFork(const std::string &TracePath, const Runtime &Parent);
/// The calling thread's actor: the main thread's, a weft Thread's, or a new
/// "Dummy-N" actor for a thread weft did not start.
Actor &self();
/// The end of the program (once): runs the at-exit hooks, waits for
/// non-daemon threads, records the end, reports, and exits with
/// WEFT_EXITCODE if there were findings.
void shutdown();
/// Python's threading._register_atexit: \p Fn runs at the end of the
/// program before non-daemon threads are joined (hooks run last-registered
/// first). concurrent.futures uses it to shut down executors left running.
void registerAtExit(std::function<void()> Fn);

} // namespace weft::core

#endif
