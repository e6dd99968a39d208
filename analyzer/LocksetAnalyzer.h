//===- analyzer/LocksetAnalyzer.h - the lockset analysis' two classes ------===//
//
// TUAnalyzer (Lockset.cpp) takes the user functions of a translation unit
// and owns their summaries; FunctionAnalyzer runs the lockset analysis of
// one function body. The FunctionAnalyzer's members are spread by concern:
//   LocksetFlow.cpp   the fixed point over the CFG: path states, branches
//                     on flags and try-lock results, local assignments
//   LocksetOps.cpp    what lock, guard and thread operations do to a path
//                     state (acquire, release, RAII guards, order edges)
//   LocksetCalls.cpp  a callee's summary renamed into the caller's terms
//                     and applied at a call or a thread start
//   LocksetFacts.cpp  exits, and the facts and summary built at the end
// Internal to the lockset analysis; the interface is Lockset.h.
//===----------------------------------------------------------------------===//
#ifndef WEFT_ANALYZER_LOCKSETANALYZER_H
#define WEFT_ANALYZER_LOCKSETANALYZER_H

#include "analyzer/Lockset.h"
#include "analyzer/LocksetState.h"

#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

namespace weft::analyzer {
class ApiModel;
} // namespace weft::analyzer

namespace weft::analyzer::lockset {

class TUAnalyzer;

/// The lockset analysis of one function body.
class FunctionAnalyzer {
public:
  /// \p Consts: parameters known constant (a specialised summary: no
  /// facts are recorded, LocksetConsts.cpp).
  FunctionAnalyzer(TUAnalyzer &TU, const clang::FunctionDecl *FD,
                   Summary &Sum, const ConstArgs *Consts = nullptr)
      : TU(TU), FD(FD), Sum(Sum), Consts(Consts),
        SummaryOnly(Consts != nullptr) {}
  void run();

private:
  // the fixed point (LocksetFlow.cpp)
  void addState(const clang::CFGBlock *B, State St);
  void transfer(const clang::CFGElement &E, State &St);
  void onDecl(const clang::DeclStmt *DS, State &St);
  void onAssign(const clang::Expr *LHS, const clang::Expr *RHS, State &St);
  bool branch(State &St, const clang::Expr *Cond, const clang::Stmt *Term,
              bool TrueEdge);
  bool trackable(const clang::VarDecl *V) const;

  // constant parameters (LocksetConsts.cpp)
  void bindConstants();
  /// The value of \p E with the constant parameters known.
  std::optional<int64_t> evalConst(const clang::Expr *E) const;
  /// Which successors of a switch on \p Cond can be taken (empty: all).
  std::vector<bool> switchTargets(const clang::CFGBlock *B,
                                  const clang::Expr *Cond) const;

  // lock operations (LocksetOps.cpp)
  void onCall(const clang::CallExpr *CE, State &St);
  void onConstruct(const clang::CXXConstructExpr *CE, State &St);
  void onGuardConstruct(const clang::VarDecl *VD,
                        const clang::CXXConstructExpr *CE, State &St);
  void acquire(State &St, LockKey L, RawLoc Site, const clang::VarDecl *Guard,
               uint32_t Via, bool Observe, const std::set<LockKey> &Batch);
  void release(State &St, LockKey L);
  /// \p L was held when the function was entered (REQUIRES, an assertion,
  /// a condition wait or an adopting guard on a lock it did not take): it
  /// is the caller's, never a missing release here.
  void holdOnEntry(State &St, LockKey L, const clang::VarDecl *Guard = nullptr);
  /// A call or construction whose callee declares, by a thread-safety
  /// attribute, that it acquires / releases / asserts a capability: done
  /// here in the caller's terms instead of applying its summary.
  bool onCapabilityCall(const clang::FunctionDecl *Callee,
                        const clang::Expr *Object,
                        llvm::ArrayRef<const clang::Expr *> Args,
                        RawLoc Site, const clang::VarDecl *Guard, State &St);
  /// Where a held lock was taken, for notes (the function's start for a
  /// lock held on entry).
  report::Location heldAt(const HeldLock &H) const;
  void addHeld(State &St, LockKey L, RawLoc Site, const clang::VarDecl *Guard,
               bool FromTry, uint32_t Via);
  /// Records, for the acquisition of \p L at \p Site, whether \p St held it.
  void observeAcquire(const State &St, RawLoc Site, LockKey L, uint32_t Via);
  void observeRelease(const State &St, LockKey L, RawLoc Site) {
    SiteBlock.emplace(Site, CurBlock);
    RelObs &R = Rel[{Site, L}];
    (St.holds(L) ? R.Held : R.NotHeld) = true;
  }
  /// An edge from every lock \p St holds (but \p L and \p Batch) to \p L.
  void orderBefore(const State &St, LockKey L, const report::Location &At,
                   const std::vector<report::Related> &Via,
                   const std::set<LockKey> *Batch);
  /// \p Runner: the function whose thread forms it (default: this one).
  void addEdge(LockKey From, LockKey To, detect::LockEdgeInfo Info,
               const std::string &Runner = "");
  std::optional<LockKey> lockOf(const clang::Expr *E);
  const clang::VarDecl *guardVar(const clang::Expr *Object) const;

  // calls and thread starts (LocksetCalls.cpp)
  /// A callee's summary renamed into this caller's terms at one call.
  struct PreparedCall {
    struct Acq {
      LockKey Lock;
      report::Location Site;
      std::vector<report::Related> Via;
      uint32_t InsideVia;
      bool Fresh;
    };
    struct HeldOut {
      LockKey Lock;
      bool FromTry;
      uint32_t Via;
    };
    std::vector<Acq> Acquires;
    std::vector<LockKey> Releases;
    std::vector<HeldOut> Held;
    std::vector<OrderEdge> Edges;
  };
  const PreparedCall &prepare(const clang::CallExpr *CE,
                              const clang::FunctionDecl *Callee,
                              const Summary &S);
  void applySummary(const clang::CallExpr *CE,
                    const clang::FunctionDecl *Callee, const Summary &S,
                    State &St);
  void startThread(const clang::Expr *Callable,
                   llvm::ArrayRef<const clang::Expr *> Args);
  std::optional<LockKey> substitute(LockKey K, const clang::Expr *Object,
                                    llvm::ArrayRef<const clang::Expr *> Args);
  /// A parametric edge of a callee in the caller's terms, \p Through first
  /// in its call chain; none if a lock cannot be named here.
  std::optional<OrderEdge> renameEdge(const OrderEdge &E,
                                      const clang::Expr *Object,
                                      llvm::ArrayRef<const clang::Expr *> Args,
                                      const report::Related &Through);
  /// Keeps the simplest acquisition of each lock for the summary.
  void keepWitness(Summary::Acquire A);

  // exits and results (LocksetFacts.cpp)
  void recordExit(const clang::CFGBlock *Pred, const State &St);
  void noteReturned(const clang::ReturnStmt *R, const State &St);
  void finish();

  TUAnalyzer &TU;
  const clang::FunctionDecl *FD;
  Summary &Sum;
  const ConstArgs *Consts;
  bool SummaryOnly;
  std::map<const clang::ParmVarDecl *, int64_t> ParamValue;
  std::unique_ptr<clang::CFG> Graph;

  std::set<const clang::VarDecl *> Untrackable;
  std::map<const clang::CXXConstructExpr *, const clang::VarDecl *> CtorVar;
  std::map<const clang::VarDecl *, std::vector<LockKey>> GuardLocks;
  std::set<LockKey> ReleasedUnheld;
  std::set<LockKey> EntryHeld; // held when the function was entered
  /// Locks a guard owned that the code unlocked by hand: locked again by
  /// hand, the guard owns them again (its destructor unlocks).
  std::map<LockKey, const clang::VarDecl *> HandReleased;
  std::map<const clang::CallExpr *, PreparedCall> Prepared;
  std::string Actor; // "function 'f'", for lock-order edges

  // the fixed point
  std::vector<std::set<State>> Seen;
  std::vector<std::optional<State>> Wide;
  std::deque<std::pair<const clang::CFGBlock *, State>> Work;

  // observations
  struct AcqObs {
    bool Held = false, NotHeld = false;
    report::Location HeldSince;
    uint32_t Via = 0;
  };
  std::map<std::pair<RawLoc, LockKey>, AcqObs> Acq;
  struct RelObs {
    bool Held = false, NotHeld = false;
  };
  std::map<std::pair<RawLoc, LockKey>, RelObs> Rel;
  /// The CFG block of each acquisition and release site, and of the
  /// statement being analyzed: a release is a second release only if an
  /// acquisition of the lock in this function can reach it.
  std::map<RawLoc, unsigned> SiteBlock;
  unsigned CurBlock = 0;
  bool reaches(unsigned From, unsigned To);
  std::map<unsigned, std::vector<bool>> Reach;
  struct ExitObs {
    std::set<ExitPoint> Exits;
    bool FromTry = false;
    uint32_t Via = 0;
  };
  std::map<std::pair<LockKey, RawLoc>, ExitObs> ExitHeld;
  std::vector<State> ExitStates;
  /// What the returns return: the locks returned held, whether a return
  /// returns null, whether one returns something else (LocksetFacts.cpp).
  std::set<LockKey> ReturnedHeld;
  bool ReturnsNull = false, ReturnsOther = false;
  std::map<std::pair<LockKey, LockKey>, OrderEdge> Edges;
  std::map<LockKey, Summary::Acquire> MayAcquire; // one witness per lock
};

/// The analysis of one translation unit: its functions and their
/// summaries (Lockset.cpp).
class TUAnalyzer {
public:
  TUAnalyzer(clang::ASTContext &Ctx, const ApiModel &Model,
             ProgramFacts &Facts, std::string SkipDir,
             LocksetObserver *Observer, UnitLink *Link)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), Model(Model), Facts(Facts),
        Observer(Observer), Link(Link), SkipDir(std::move(SkipDir)) {
    Vias.emplace_back();
  }

  /// Analyzes \p Functions (null: the TU's user functions).
  void run(const std::vector<const clang::FunctionDecl *> *Functions);
  /// The summary of \p Callee, analyzing it first if needed; null if it
  /// is not analyzable here or is on the current call stack (recursion).
  /// A callee without a body here: the bank's (Link), if another unit
  /// defines it.
  const Summary *summaryFor(const clang::FunctionDecl *Callee);
  /// The summary of \p Callee specialised for the constant arguments
  /// \p Args of one call (LocksetConsts.cpp); null if none applies (no
  /// tested parameter among them, or the bound reached): then the general.
  const Summary *specialised(const clang::FunctionDecl *Callee,
                             const ConstArgs &Args);
  /// The parameters \p Def branches on and never writes.
  const std::vector<unsigned> &branchingParams(const clang::FunctionDecl *Def);
  bool analyzable(const clang::FunctionDecl *FD) const;

  report::Location loc(clang::SourceLocation L) const {
    if (L.isInvalid())
      return {};
    clang::PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(L));
    if (P.isInvalid())
      return {};
    return {P.getFilename(), P.getLine(), P.getColumn()};
  }
  report::Location loc(RawLoc R) const {
    return loc(clang::SourceLocation::getFromRawEncoding(R));
  }
  /// Call chains are stored once and named by a number in path states.
  uint32_t internVia(const std::vector<report::Related> &V);
  const std::vector<report::Related> &via(uint32_t Id) const {
    return Vias[Id];
  }

  clang::ASTContext &Ctx;
  clang::SourceManager &SM;
  const ApiModel &Model;
  ProgramFacts &Facts;
  LocksetObserver *Observer;
  UnitLink *Link;

private:
  /// Runs \p Def's analysis into \p S unless done (null while it is in
  /// progress: recursion); \p Consts: a specialised summary.
  const Summary *compute(const clang::FunctionDecl *Def, Summary &S,
                         const ConstArgs *Consts);
  /// Leaves in the bank the summaries of \p FD for every value of its
  /// tested enum / bool parameters (callers in other units pick theirs).
  void specialiseForOtherUnits(const clang::FunctionDecl *FD);

  std::string SkipDir;
  std::vector<const clang::FunctionDecl *> Functions;
  std::map<std::pair<const clang::FunctionDecl *, ConstArgs>, Summary>
      Summaries;
  std::map<const clang::FunctionDecl *, std::vector<unsigned>> Branching;
  std::map<const clang::FunctionDecl *, size_t> SpecCount;
  std::vector<std::vector<report::Related>> Vias;
  std::map<std::string, uint32_t> ViaIds;
  unsigned Depth = 0;
};

/// The integer / enum constants among a call's arguments.
ConstArgs constArgs(const clang::CallExpr *CE,
                    const clang::FunctionDecl *Callee,
                    const clang::ASTContext &Ctx);

} // namespace weft::analyzer::lockset

#endif
