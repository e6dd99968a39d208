//===- trace/EventSource.cpp - the events of a run, one at a time ---------===//
#include "trace/EventSource.h"

#include "trace/Run.h"

namespace weft::trace {

bool EventSource::open(const std::string &Path, std::string &Error,
                       std::vector<std::string> &Notes,
                       TraceReader::ProgressFn Progress) {
  if (runFiles(Path).size() > 1) {
    Merged = true;
    return readRun(Path, Whole, Error, &Notes, Progress);
  }
  return Reader.open(Path, Error, std::move(Progress));
}

bool EventSource::next(Event &E) {
  if (!Merged)
    return Reader.next(E);
  if (Next >= Whole.Events.size())
    return false;
  E = Whole.Events[Next++];
  return true;
}

} // namespace weft::trace
