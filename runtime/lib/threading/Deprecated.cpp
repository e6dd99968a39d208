//===- runtime/lib/threading/Deprecated.cpp - Python's deprecated threading names ---===//
//
// currentThread(), activeCount(), Thread.getName() ... are the spellings the
// course's notes use. Python still runs most of them but warns:
//
//   prog.py:12: DeprecationWarning: currentThread() is deprecated, use
//   current_thread() instead
//
// weft prints the same text once per name and process, as a note on stderr
// with the call site. (isAlive() was removed in Python 3.9; weft keeps it
// and says so.)
//===----------------------------------------------------------------------===//
#include "weft/threading.h"

#include <atomic>
#include <cstdio>
#include <string>

namespace weft::threading {
namespace {

enum class Old { CurrentThread, ActiveCount, GetName, SetName, IsAlive,
                 IsDaemon, SetDaemon, Count };

/// Python 3.12's texts (isAlive: 3.8's, the last Python that had it).
const char *const Texts[] = {
    "currentThread() is deprecated, use current_thread() instead",
    "activeCount() is deprecated, use active_count() instead",
    "getName() is deprecated, get the name attribute instead",
    "setName() is deprecated, set the name attribute instead",
    "isAlive() is deprecated, use is_alive() instead (removed in Python 3.9)",
    "isDaemon() is deprecated, get the daemon attribute instead",
    "setDaemon() is deprecated, set the daemon attribute instead",
};
static_assert(sizeof(Texts) / sizeof(Texts[0]) == size_t(Old::Count));

std::atomic<bool> Warned[size_t(Old::Count)];

void warnOnce(Old Which, const SourceLoc &Loc) {
  if (Warned[size_t(Which)].exchange(true, std::memory_order_relaxed))
    return;
  std::string Line = "weft: note: " + std::string(Loc.file_name()) + ":" +
                     std::to_string(Loc.line()) +
                     ": DeprecationWarning: " + Texts[size_t(Which)] + "\n";
  std::fflush(stdout); // the program's earlier output comes first
  std::fputs(Line.c_str(), stderr);
}

} // namespace

std::string Thread::getName(SourceLoc Loc) const {
  warnOnce(Old::GetName, Loc);
  return name();
}

void Thread::setName(std::string Name, SourceLoc Loc) {
  warnOnce(Old::SetName, Loc);
  set_name(std::move(Name));
}

bool Thread::isAlive(SourceLoc Loc) const {
  warnOnce(Old::IsAlive, Loc);
  return is_alive();
}

bool Thread::isDaemon(SourceLoc Loc) const {
  warnOnce(Old::IsDaemon, Loc);
  return daemon();
}

void Thread::setDaemon(bool D, SourceLoc Loc) {
  warnOnce(Old::SetDaemon, Loc);
  set_daemon(D);
}

Thread &currentThread(SourceLoc Loc) {
  warnOnce(Old::CurrentThread, Loc);
  return current_thread();
}

int activeCount(SourceLoc Loc) {
  warnOnce(Old::ActiveCount, Loc);
  return active_count();
}

} // namespace weft::threading
