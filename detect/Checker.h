//===- detect/Checker.h - the detectors, fed one event at a time ----------===//
//
// The same code checks a program online (the runtime feeds each event as it
// happens, under its own lock) and offline (checkTrace over a trace file):
//   - deadlock             an untimed wait closing a WaitForGraph cycle of
//                          two or more actors, or every live actor stuck
//                          (a Lock held by its own waiter or by an ended
//                          thread, a join of a stuck thread, ...)
//   - lock-order-inversion a new LockOrderGraph edge closing a cycle
//   - missing-release      an actor ends holding locks (held-at-exit)
//   - double-acquire       a blocking request for a non-recursive lock the
//                          actor already holds
//   - task-done-overflow   Queue.task_done() once more than items were put
//                          (TaskDone with flags=TaskDoneTooMany)
//   - executor-leak        an executor shut down by the runtime at exit
//                          (ExecutorShutdown with flags ShutdownAtExit)
// Findings carry file:line from the event sites and name actors and objects
// through Symbols. The per-event state keeps ids only (actors, objects,
// sites); Symbols is asked for names and places only when a finding (or a
// new lock-order edge's explanation) is made, so the common lock and wait
// events neither take the runtime's symbol locks nor allocate.
//===----------------------------------------------------------------------===//
#ifndef WEFT_DETECT_CHECKER_H
#define WEFT_DETECT_CHECKER_H

#include "detect/IdMap.h"
#include "detect/LockOrderGraph.h"
#include "detect/ThreadOrder.h"
#include "detect/WaitForGraph.h"
#include "report/Finding.h"
#include "trace/Trace.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace weft::detect {

/// How the checker turns ids into words and places.
class Symbols {
public:
  virtual ~Symbols() = default;
  virtual report::Location site(uint32_t SiteId) const = 0;
  /// "thread 'Thread-1'", "main thread 'MainThread'".
  virtual std::string actorName(uint32_t Actor) const = 0;
  /// "Lock (created at cooks.cpp:12)" or "Lock 'knife'".
  virtual std::string objectName(uint32_t Object) const = 0;
  virtual trace::ObjectType objectType(uint32_t Object) const = 0;
  /// Where the actor was started (its ThreadStart site), if known.
  virtual report::Location actorStart(uint32_t Actor) const = 0;
};

/// Symbols read from a decoded trace file.
class TraceSymbols : public Symbols {
public:
  explicit TraceSymbols(const trace::Trace &T);
  /// For a trace read as a stream (T's Events empty): learns where each
  /// actor was started as the events go by.
  void noteEvent(const trace::Event &E) {
    if (E.Kind == trace::EventKind::ThreadStart)
      StartSite.emplace(E.Object, E.Site); // the first start wins
  }
  report::Location site(uint32_t SiteId) const override;
  std::string actorName(uint32_t Actor) const override;
  std::string objectName(uint32_t Object) const override;
  trace::ObjectType objectType(uint32_t Object) const override;
  report::Location actorStart(uint32_t Actor) const override;

private:
  const trace::Trace &T;
  std::map<uint32_t, uint32_t> StartSite; // actor -> ThreadStart site
};

class Checker {
public:
  explicit Checker(const Symbols &S) : Syms(S) {
    // The wait-for graph keeps site ids; it asks for places only when it
    // builds the steps of a finding.
    Waits.setSiteResolver([&S](uint32_t Site) { return S.site(Site); });
  }

  /// Feeds one Sync event, in program order. Appends the findings it causes.
  void onEvent(const trace::Event &E, std::vector<report::Finding> &Out);
  /// True once an untimed wait has closed a wait-for cycle: the actors in it
  /// can never run again.
  bool deadlocked() const { return Deadlocked; }
  const LockOrderGraph &lockOrder() const { return Order; }
  const WaitForGraph &waitFor() const { return Waits; }

private:
  void onRequest(const trace::Event &E, std::vector<report::Finding> &Out);
  void onAcquired(const trace::Event &E, std::vector<report::Finding> &Out);
  void onReleased(const trace::Event &E);
  void onThreadEnd(const trace::Event &E, std::vector<report::Finding> &Out);
  void onJoinRequest(const trace::Event &E, std::vector<report::Finding> &Out);
  void onTaskDone(const trace::Event &E, std::vector<report::Finding> &Out);
  void onExecutorShutdown(const trace::Event &E,
                          std::vector<report::Finding> &Out);
  /// An event of an asyncio task: a blocking call is a finding.
  void onTaskEvent(const trace::Event &E, std::vector<report::Finding> &Out);
  /// After \p Actor's untimed wait began: a cycle of 2+ actors through it,
  /// else every live actor stuck, is a deadlock.
  void checkWait(uint32_t Actor, std::vector<report::Finding> &Out);
  /// Every live actor stuck: one deadlock finding describing each of them.
  void checkAllStuck(uint32_t Trigger, std::vector<report::Finding> &Out);
  /// "waits for X here" / "X is held by Y, acquired here" notes of a step.
  void describeStep(const WaitStep &S, report::Finding &F) const;

  const Symbols &Syms;
  LockOrderGraph Order;
  /// Start/join order of the actors: which edges of a cycle can overlap.
  ThreadOrder Ordering;
  WaitForGraph Waits;
  /// Per actor: locks held in acquisition order, with the acquire site.
  IdMap<std::vector<std::pair<LockKey, uint32_t>>> Held;
  /// Actors that have begun and not ended (a deadlock needs them all stuck).
  std::set<uint32_t> Live;
  /// The actor of the last event, known to be in Live and not ended (so a
  /// run of events of one actor skips both lookups); reset when any actor
  /// ends.
  static constexpr uint32_t NoActor = UINT32_MAX;
  uint32_t LastLive = NoActor;
  /// Per queue: task_done() calls so far (all, and those that matched an
  /// item), and the site of the last one that matched.
  struct TaskDoneCount {
    uint64_t Calls = 0, Matched = 0;
    uint32_t LastSite = 0;
  };
  std::map<uint32_t, TaskDoneCount> TaskDones;
  /// asyncio tasks (they run on their creator's thread), and the sites of
  /// blocking calls already reported.
  std::set<uint32_t> Tasks;
  std::set<uint32_t> BlockingSites;
  /// Cycles already reported (sorted node sets).
  std::set<std::vector<LockKey>> ReportedCycles;
  bool Deadlocked = false;
};

/// Offline check of a trace fed one event at a time (a trace read as a
/// stream): \p Tables gives the names; memory grows with actors, objects
/// and lock-order edges, not with events.
class TraceCheck {
public:
  explicit TraceCheck(const trace::Trace &Tables) : Syms(Tables), C(Syms) {}
  void onEvent(const trace::Event &E);
  std::vector<report::Finding> take() { return std::move(Out); }

private:
  TraceSymbols Syms;
  Checker C;
  std::vector<report::Finding> Out;
};

/// Offline check of a whole trace: the findings its events imply.
std::vector<report::Finding> checkTrace(const trace::Trace &T);

} // namespace weft::detect

#endif
