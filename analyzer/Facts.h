//===- analyzer/Facts.h - what the lockset analysis found, as data --------===//
//
// The lockset analysis (Lockset*.cpp, the only part that walks Clang's CFG)
// turns every translation unit into facts; the checks (checks/*.cpp) turn
// the facts of all translation units into findings. Nothing here includes a
// Clang header, so checks compile fast and can be tested without parsing.
//
// Lock identity: a lock is named by what it denotes, as a root plus a path
// of fields / constant indices:
//   global or static variable   "lock1", "Bank::total_lock", "acct.m"
//   field reached through this  "Account::lock" (per class, for now)
//   local variable              "m" (per function)
//   parameter                   "from.lock" (per function; substituted by
//                               the caller's argument at each call site)
// The key (LockInfo::Key) is the interned, translation-unit independent
// spelling; cross-TU facts agree on it.
//===----------------------------------------------------------------------===//
#ifndef WEFT_ANALYZER_FACTS_H
#define WEFT_ANALYZER_FACTS_H

#include "detect/LockOrderGraph.h"
#include "report/Finding.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace weft::analyzer {

using detect::LockKey;

enum class RootKind : uint8_t { Global, Local, Param, This };

/// A lock's name: Root + Suffix (".field", "[2]").
struct LockPath {
  RootKind Root = RootKind::Global;
  unsigned ParamIndex = 0;   // Param: which parameter
  std::string RootKey;       // "g:lock1", "p:f(int*)#0", "t:Account", ...
  std::string RootDisplay;   // "lock1", "from", "Account"
  std::string Suffix;        // ".m[0]"
  /// The name may denote different locks at different times (a non-constant
  /// array index): never a double acquire, never a self edge.
  bool Imprecise = false;
  bool Recursive = false;
  /// Data locations (Races.cpp) only: the function owning a Local root
  /// ("" otherwise), and whether an index is a per-thread value (args[id]).
  std::string Owner;
  bool Partitioned = false;

  bool parametric() const {
    return Root == RootKind::Param || Root == RootKind::This;
  }
  std::string key() const { return RootKey + Suffix; }
  std::string display() const;
  /// This path with \p Outer's root and suffix in front (substitution of a
  /// callee's parameter by the caller's argument).
  LockPath under(const LockPath &Outer) const;
};

/// Interns lock paths; ids are dense, in first-seen order.
class LockTable {
public:
  LockKey intern(const LockPath &P);
  const LockPath &path(LockKey K) const { return Paths[K]; }
  std::string display(LockKey K) const { return Paths[K].display(); }
  bool recursive(LockKey K) const { return Paths[K].Recursive; }
  void markRecursive(const std::string &Key);
  size_t size() const { return Paths.size(); }

private:
  std::vector<LockPath> Paths;
  std::map<std::string, LockKey> Ids;
  std::set<std::string> RecursiveKeys;
};

/// One blocking acquisition (or a call that acquires inside its callee),
/// with what the lockset analysis knew about the same lock at that point
/// over every feasible path reaching it.
struct AcquireFact {
  LockKey Lock = 0;
  report::Location Site;
  std::vector<report::Related> Via; // where the callee really acquires it
  std::string Function;             // "withdraw"
  bool HeldOnEveryPath = false;     // must-held: a self-deadlock for sure
  bool HeldOnSomePath = false;
  report::Location HeldSince;       // first acquire of the held lock
};

enum class ExitKind : uint8_t { Return, End, Throw };

struct ExitPoint {
  report::Location Loc;
  ExitKind Kind = ExitKind::Return;
  bool operator<(const ExitPoint &O) const;
  bool operator==(const ExitPoint &O) const = default;
};

/// A lock (acquired at one site) still held when the function exits.
struct HeldAtExitFact {
  LockKey Lock = 0;
  report::Location AcquiredAt;
  std::vector<report::Related> Via;
  std::string Function;
  std::string FunctionId;
  std::vector<ExitPoint> Exits;   // exits reached with it held, sorted
  /// Held on every exit of the function (not only some): the function may
  /// be meant to return holding it.
  bool HeldOnEveryExit = false;
  bool FromTry = false;           // acquired by a try-lock
  bool ReturnsValue = false;      // the function returns a value
};

struct OrderEdge {
  LockKey From = 0, To = 0;
  detect::LockEdgeInfo Info;
  /// The function whose code forms the edge (a thread's target for the
  /// edges of a thread started with arguments), and where in it: the
  /// second acquisition or the call that leads to it. The threads that can
  /// run that function are the ones that can form the edge.
  std::string FunctionId;
  report::Location Where;
};

// ---- data races and the course's slips (Races.cpp, Threads.cpp) ------------

/// How a callee's parameter (or `this`) is bound at a call or thread start.
/// Object: the parameter's root denotes Path (a reference, `this`).
/// Pointee: the parameter is a pointer; its ".*" denotes Path.
struct DataBinding {
  enum Kind : uint8_t { None, Object, Pointee } K = None;
  LockPath Path;
};

struct BindingSet {
  std::vector<DataBinding> Params;
  std::vector<std::optional<LockPath>> LockParams; // lock naming of each arg
  DataBinding This;
  std::optional<LockPath> ThisLock;
  /// Reference / pointer fields of a thread object set by its constructor
  /// from its arguments: ".account" -> a1.
  std::vector<std::pair<std::string, DataBinding>> FieldAliases;
};

/// A lock held (on every path) at an access; Since: where that critical
/// section began (line 0 when paths disagree).
struct HeldRef {
  LockKey Lock = 0;
  report::Location Since;
};

struct DataAccess {
  LockPath Where;             // in the function's own terms
  report::Location Site;
  bool Write = false;
  std::vector<HeldRef> Held;  // must-held
  std::vector<uint32_t> Running; // actors that may be running (a parent)
  bool InCondition = false;   // read in an if / while / for condition
  bool SyncBefore = false;    // an acquire-side hand-off precedes it
  bool SyncAfter = false;     // a release-side hand-off follows it
};

struct DataCall {
  std::string Callee, CalleeName;
  report::Location Site;
  BindingSet Bind;
  std::vector<HeldRef> Held;
  std::vector<uint32_t> Running;
  bool SyncBefore = false, SyncAfter = false;
  bool InLoop = false; // inside a while / for / do loop of its function
};

struct FunctionData {
  std::string Id, Name;
  std::vector<DataAccess> Accesses;
  std::vector<DataCall> Calls;
  /// Joins of a named thread handle here: (handle key, site).
  std::vector<std::pair<std::string, report::Location>> Joins;
};

/// A thread (or task, or process) started somewhere.
struct ThreadActor {
  uint32_t Id = 0;
  std::string Target, TargetName; // function id / name it runs
  report::Location Site;          // where it is started (or created)
  std::string How;                // "std::thread", "pthread_create", ...
  BindingSet Bind;
  std::string Parent;             // function id of the starting function
  std::string Handle;             // its handle's key ("" unknown)
  bool SelfParallel = false;      // several instances may run at once
  bool Process = false;           // own memory: shares nothing
  std::vector<uint32_t> ParallelWith; // same parent, may overlap (sorted)
};

struct StartTwiceFact {
  report::Location Site, First;
  std::string Object;
};

struct CondWaitFact {
  report::Location Site;
  std::string Call;
  std::string FunctionId; // the function waiting (a wrapper if its callers loop)
};

/// q.empty()/qsize()/full() tested, then q.get()/put() in the branch.
struct QueueCheckFact {
  report::Location Check, Act;
  std::string Queue, CheckCall, ActCall;
  bool Covered = false; // one critical section spans both
  bool ActIsGet = false;
};

/// A shared value tested, then written, in different critical sections.
struct ValueCheckFact {
  std::string Where;
  report::Location Check, Write;
  report::Location CheckSince, WriteSince;
};

/// A release (or a guard's unlock) of a lock.
struct ReleaseFact {
  LockKey Lock = 0;
  report::Location Site;
  std::string Function, FunctionId;
  bool HeldOnSomePath = false;
  bool AcquiredInFunction = false;
  bool Parametric = false;
};

/// Everything the analysis learned, over all translation units.
struct ProgramFacts {
  LockTable Locks;
  std::vector<AcquireFact> Acquires;
  std::vector<HeldAtExitFact> HeldAtExit;
  std::vector<OrderEdge> Edges;
  /// Ids of functions called directly somewhere (their summaries apply at
  /// those calls).
  std::set<std::string> CalledFunctions;
  /// Locks some function releases without having acquired them (a lock
  /// wrapper's unlock(), or a hand-off to another function).
  std::set<std::string> ReleasedUnheld;

  std::vector<ReleaseFact> Releases;
  std::map<std::string, FunctionData> Functions; // by function id
  std::vector<ThreadActor> Actors;
  /// Parent functions that may return with threads still running.
  std::set<std::string> LeakyParents;
  std::vector<StartTwiceFact> StartedTwice;
  std::vector<CondWaitFact> CondWaits;
  std::vector<QueueCheckFact> QueueChecks;
  std::vector<ValueCheckFact> ValueChecks;
};

/// Appends one translation unit's facts (analyzed into their own
/// ProgramFacts, with the run's LockTable lent to them) to \p Into: thread
/// actors are renumbered, functions already present (a header's, analyzed
/// in another unit) kept, sets united. \p From.Locks is not touched.
void appendFacts(ProgramFacts &Into, ProgramFacts &&From);

/// Orders locations by file, line, column.
bool locLess(const report::Location &A, const report::Location &B);

} // namespace weft::analyzer

#endif
