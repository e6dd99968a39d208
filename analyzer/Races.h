//===- analyzer/Races.h - accesses, thread starts and slips of one TU -----===//
//
// The second pass over a translation unit (after the lockset analysis,
// which tells it the locks held at each statement it wants through
// LocksetObserver). It records, as facts (Facts.h):
//  * every access to a possibly shared location (globals, statics, fields
//    and pointees reached through parameters or `this`, locals that escape)
//    with read/write and the locks held there (Races.cpp);
//  * every call of user code with how its parameters are bound, so the
//    data-race check can follow accesses through calls across TUs;
//  * every thread start (std::thread, pthread_create, weft Thread and its
//    subclasses, std::async, executors, processes) and, in the function that
//    starts threads, which threads may be running at each point (a small
//    may-analysis over the CFG: start adds, join removes) (Threads.cpp);
//  * the course's slips: Thread.start() twice, a condition wait outside a
//    loop, check-then-act on a queue or a shared value.
//===----------------------------------------------------------------------===//
#ifndef WEFT_ANALYZER_RACES_H
#define WEFT_ANALYZER_RACES_H

#include "analyzer/ApiModel.h"
#include "analyzer/Lockset.h"

#include "clang/AST/ASTContext.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace weft::analyzer {

/// Names data locations: objName(E) for the object an lvalue designates,
/// ptrTarget(E) for the object a pointer value points to. Unlike lock
/// names, a pointer's pointee is ".*" of the pointer (so reading the
/// pointer is not an access to what it points to).
class DataNamer {
public:
  DataNamer(const clang::FunctionDecl *FD, const clang::ASTContext &Ctx,
            const std::set<const clang::VarDecl *> *PerThread)
      : FD(FD), Ctx(Ctx), PerThread(PerThread) {}
  std::optional<LockPath> objName(const clang::Expr *E, unsigned Depth = 0);
  std::optional<LockPath> ptrTarget(const clang::Expr *E, unsigned Depth = 0);
  std::optional<LockPath> var(const clang::VarDecl *V, unsigned Depth = 0);

private:
  void index(LockPath &P, const clang::Expr *Idx);
  const clang::FunctionDecl *FD;
  const clang::ASTContext &Ctx;
  const std::set<const clang::VarDecl *> *PerThread;
};


class RaceCollector : public LocksetObserver {
public:
  RaceCollector(clang::ASTContext &Ctx, const ApiModel &Model,
                ProgramFacts &Facts, std::string SkipDir);
  /// Before the lockset analysis: walks every user function.
  void collect(const std::vector<const clang::FunctionDecl *> &Functions);
  bool wants(const clang::Stmt *S) const override {
    return Wanted.count(S) != 0;
  }
  void held(const clang::Stmt *S,
            const std::vector<std::pair<LockKey, unsigned>> &Held) override;
  /// After it: thread flow of parent functions, then the facts.
  void finish();

  // --- shared by Races.cpp and Threads.cpp ---
  struct Access {
    const clang::Stmt *Op;
    LockPath Where;
    bool Write;
    clang::SourceLocation Loc;
    bool InCondition = false, SyncBefore = false, SyncAfter = false;
  };
  struct Call {
    const clang::Stmt *Op;
    const clang::FunctionDecl *Callee;
    BindingSet Bind;
    clang::SourceLocation Loc;
    bool SyncBefore = false, SyncAfter = false;
    bool InLoop = false;
  };
  enum class EvKind { Start, WeftStart, Join, Decl };
  struct Event {
    EvKind K;
    std::vector<uint32_t> Actors; // Start: indices into Actors
    std::string Handle;           // WeftStart/Join/Decl; "" unknown
    std::string Display;
    bool Imprecise = false;
  };
  struct FnInfo {
    const clang::FunctionDecl *FD = nullptr;
    std::vector<Access> Accesses;
    std::vector<Call> Calls;
    std::map<const clang::Stmt *, std::vector<Event>> Events;
    std::vector<uint32_t> WeftActors; // created here, run at start()
  };
  struct LocalActor {
    ThreadActor A;
    std::string Handle; // handle key ("" unknown)
    bool RunsAtStart = false; // weft style: runs at start(), not creation
    /// Actors that may overlap this one; appended unsorted with repeats
    /// while the may-run analysis runs (a set per actor made that
    /// quadratic in node allocations), sorted and made unique by finish().
    std::vector<uint32_t> Parallel;
  };

  report::Location loc(clang::SourceLocation L) const;
  bool analyzable(const clang::FunctionDecl *FD) const;
  BindingSet bindCall(const clang::FunctionDecl *Callee,
                      llvm::ArrayRef<const clang::Expr *> Args,
                      const clang::Expr *Object, bool ObjectIsPointer,
                      bool CopiesArgs, DataNamer &N,
                      const clang::FunctionDecl *FD);
  /// Threads.cpp: a thread start at \p S, if it is one.
  void threadEvents(FnInfo &F, const clang::Stmt *S, DataNamer &N);
  void runThreadFlow(FnInfo &F);
  std::string handleKey(const clang::Expr *E, DataNamer &N, bool &Imprecise,
                        std::string &Display);

  clang::ASTContext &Ctx;
  clang::SourceManager &SM;
  const ApiModel &Model;
  ProgramFacts &Facts;
  std::string SkipDir;
  std::vector<FnInfo> Fns;
  std::vector<LocalActor> Actors;
  std::set<const clang::Stmt *> Wanted;
  std::map<const clang::Stmt *, std::vector<std::pair<LockKey, unsigned>>>
      HeldAt;
  std::map<const clang::Stmt *, std::set<uint32_t>> RunningAt;
  /// Initializers of variables (a thread object's construction -> its var).
  std::map<const clang::Expr *, const clang::VarDecl *> InitVar;

  struct QueueCheck {
    const clang::Stmt *Check, *Act;
    std::string Queue, CheckCall, ActCall;
    bool ActIsGet;
  };
  struct ValueCheck {
    const clang::Stmt *Check, *Write;
    std::string Where;
  };
  std::vector<QueueCheck> QueueChecks;
  std::vector<ValueCheck> ValueChecks;
};

} // namespace weft::analyzer

#endif
