//===- trace/Run.h - the trace files of a run with processes, as one ------===//
//
// A program that starts processes (os.fork, multiprocessing) writes one
// trace file per process: the first process's file PATH, and for each child
// PATH.<pid> (a child of that child: PATH.<pid>.<pid>; docs/trace-format.md,
// runs with processes). readRun reads them all and merges them into one
// Trace, on top of readTrace:
//   - the actors of every process, renumbered: the first process keeps its
//     names ("MainThread", "Thread-1"); a child's main thread takes the
//     process's name ("Process-1"), its other threads "Process-1/Thread-1";
//   - strings, sites and objects renumbered per file (a Lock inherited by
//     a forked child is a copy: another object);
//   - the events in one order that agrees with happens-before across the
//     files: by time (every file of a run counts from the first process's
//     start), but a child's events never before its process-start, and a
//     process-join that saw the child end never before the child's last
//     event, and a message-recv never before its message-send. Sequence
//     numbers are given anew in that order.
// A single file (no children) is returned as readTrace reads it.
//===----------------------------------------------------------------------===//
#ifndef WEFT_TRACE_RUN_H
#define WEFT_TRACE_RUN_H

#include "trace/Trace.h"

#include <string>
#include <vector>

namespace weft::trace {

/// The files of the run whose first process wrote \p RootPath: RootPath
/// first, then its children's files (PATH.<pid>...) in name order.
std::vector<std::string> runFiles(const std::string &RootPath);

/// Reads the run of \p RootPath as one Trace (see above). Fails as
/// readTrace does when the first file cannot be read; a child's file that
/// cannot be read, or that its process never closed (killed), is noted in
/// \p Notes ("PATH: ..."), and what could be read of it is merged.
bool readRun(const std::string &RootPath, Trace &Out, std::string &Error,
             std::vector<std::string> *Notes = nullptr,
             const std::function<void(uint64_t, uint64_t)> &Progress = {});

} // namespace weft::trace

#endif
