//===- runtime/lib/asyncio/Warnings.cpp - asyncio's own warnings as findings --===//
#include "asyncio/Warnings.h"

#include "core/Actor.h"
#include "core/Runtime.h"
#include "tsan/TsanAnnotations.h"

#include <cstdio>
#include <mutex>
#include <set>
#include <string_view>

namespace weft::asyncio::detail {

namespace {
constexpr const char *Origin = "runtime";

/// Keeps \p F like a detector's finding, as \p Actor's.
void add(report::Finding F, uint16_t Actor) {
  core::Runtime &R = core::runtime();
  std::lock_guard<core::InternalMutex> G(R.Rec.orderMutex());
  R.Rec.drainLocked(); // the finding goes after the events that led to it
  R.Mon.addFindingLocked(std::move(F), Actor);
}

std::string taskText(const TaskState &T) {
  return core::runtime().Mon.symbols().actorName(T.Actor->Id);
}
} // namespace

std::string coroutineName(const char *FunctionName) {
  std::string_view S(FunctionName);
  size_t Paren = S.find('(');
  if (Paren != std::string_view::npos)
    S = S.substr(0, Paren);
  size_t Space = S.rfind(' ');
  if (Space != std::string_view::npos)
    S = S.substr(Space + 1);
  return std::string(S);
}

void neverAwaited(const SourceLoc &Where) {
  WEFT_TSAN_IGNORE_ACCESSES();
  core::Runtime &R = core::runtime();
  const std::string Name = coroutineName(Where.function_name());
  report::Finding F = report::makeFinding(
      report::RuleId::CoroutineNeverAwaited,
      "coroutine '" + Name +
          "' was never awaited: its body never ran (RuntimeWarning in "
          "Python); co_await it or make it a task",
      R.Rec.location(R.Rec.site(Where)), Origin);
  add(std::move(F), currentActor());
}

void exceptionNeverRetrieved(TaskState &T) {
  WEFT_TSAN_IGNORE_ACCESSES();
  core::Runtime &R = core::runtime();
  std::string What = "an exception";
  try {
    std::rethrow_exception(T.Promise->Exception);
  } catch (const Error &E) {
    What = std::string(E.pythonName()) +
           (*E.what() ? std::string(": ") + E.what() : std::string());
  } catch (const std::exception &E) {
    What = E.what();
  } catch (...) {
  }
  report::Finding F = report::makeFinding(
      report::RuleId::TaskExceptionNeverRetrieved,
      "Task exception was never retrieved: " + taskText(T) + " ended with " +
          What + ", and nothing awaited it or asked for its result",
      R.Rec.location(T.StartSite), Origin);
  add(std::move(F), T.Actor->Id);
}

void loopStalled(TaskState &T, int64_t Ns, uint32_t FromSite) {
  WEFT_TSAN_IGNORE_ACCESSES();
  // Once per place a slow step starts from (a loop repeats it).
  static std::set<uint32_t> Reported;
  if (!Reported.insert(FromSite).second)
    return;
  core::Runtime &R = core::runtime();
  char Secs[32];
  std::snprintf(Secs, sizeof Secs, "%.3f", double(Ns) / 1e9);
  report::Finding F = report::makeFinding(
      report::RuleId::LoopStalled,
      "the event loop was stalled for " + std::string(Secs) + " s: " +
          taskText(T) +
          " ran that long without awaiting, so no other task could run "
          "(asyncio's slow_callback_duration is 0.100 s)",
      R.Rec.location(FromSite), Origin);
  F.Notes.push_back({R.Rec.location(T.StartSite),
                     taskText(T) + " was created here"});
  add(std::move(F), T.Actor->Id);
}

} // namespace weft::asyncio::detail
