//===- analyzer/Lockset.cpp - flow-sensitive lockset analysis -------------===//
//
// The abstract state at a program point is a *set* of path states (a small
// powerset domain), not one merged lockset: each path state says which
// locks are held (with their acquire sites and owning RAII guard), which
// local flags are known true/false on that path, and which try-lock results
// are still waiting for the branch that tests them. Keeping path states
// apart is what makes `if (c) m.lock(); ... if (c) m.unlock();` and
// `if (m.try_lock()) { ...; m.unlock(); }` silent: the branch on `c` (or on
// the try-lock's result) prunes the infeasible combination. When a block
// collects more than MaxStates path states, they are merged into one
// "imprecise" state (the intersection: must-held); imprecise states still
// feed must-held facts and lock-order edges, but never a missing-release.
//
// Why per-site facts and not findings: a site may be reached by several
// path states (and revisited by the fixed point). Must-held ("held on every
// path reaching the site") is only known at the end, so we record, per
// site, whether it was seen held and seen not held, and decide afterwards.
//
// Calls to functions of the same TU apply the callee's Summary, computed on
// demand (callee first; a recursive cycle sees no summary). A summary's
// locks may be parametric (rooted at a parameter or `this`) and are renamed
// into the caller's terms at each call (and at each thread creation).
//===----------------------------------------------------------------------===//
#include "analyzer/Lockset.h"
#include "analyzer/ApiModel.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

#include <algorithm>
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <tuple>

namespace weft::analyzer {

using namespace clang;
using report::Location;
using report::Related;

namespace {

constexpr size_t MaxStates = 48;   // path states per block before merging
constexpr size_t MaxHeldDepth = 4; // recursive re-acquisitions tracked
constexpr unsigned MaxCallDepth = 200;
constexpr size_t MaxSummaryItems = 256;
constexpr size_t MaxVia = 4; // call-chain notes kept (outermost first)

using RawLoc = SourceLocation::UIntTy;

struct HeldLock {
  LockKey Lock;
  RawLoc Site;
  const VarDecl *Guard; // owning RAII object, or null
  bool FromTry;
  uint32_t Via;         // interned call chain (0: none)
  auto tie() const { return std::tie(Lock, Site, Guard, FromTry, Via); }
  bool operator<(const HeldLock &O) const { return tie() < O.tie(); }
  bool operator==(const HeldLock &O) const { return tie() == O.tie(); }
};

/// A try-lock whose result has not been tested yet. Key: the call, the
/// variable holding its result, or the guard constructed with try_to_lock.
struct PendingTry {
  const void *Key;
  bool KeyIsCall;       // keyed by the call itself: lost after its block
  LockKey Lock;
  RawLoc Site;
  const VarDecl *Guard;
  bool SuccessIfTrue;   // false: pthread style, 0 means acquired
  uint32_t Via;
  auto tie() const {
    return std::tie(Key, KeyIsCall, Lock, Site, Guard, SuccessIfTrue, Via);
  }
  bool operator<(const PendingTry &O) const { return tie() < O.tie(); }
  bool operator==(const PendingTry &O) const { return tie() == O.tie(); }
};

struct State {
  std::vector<HeldLock> Held;                            // sorted
  std::vector<std::pair<const VarDecl *, bool>> Known;   // sorted
  std::vector<PendingTry> Pending;                       // sorted
  bool Imprecise = false;

  auto tie() const { return std::tie(Held, Known, Pending, Imprecise); }
  bool operator<(const State &O) const { return tie() < O.tie(); }
  bool operator==(const State &O) const { return tie() == O.tie(); }

  bool holds(LockKey L) const {
    return std::any_of(Held.begin(), Held.end(),
                       [&](const HeldLock &H) { return H.Lock == L; });
  }
  size_t depth(LockKey L) const {
    return std::count_if(Held.begin(), Held.end(),
                         [&](const HeldLock &H) { return H.Lock == L; });
  }
  void add(const HeldLock &H) {
    Held.insert(std::upper_bound(Held.begin(), Held.end(), H), H);
  }
  const bool *known(const VarDecl *V) const {
    for (const auto &[K, B] : Known)
      if (K == V)
        return &B;
    return nullptr;
  }
  void setKnown(const VarDecl *V, bool B) {
    forget(V);
    auto P = std::make_pair(V, B);
    Known.insert(std::upper_bound(Known.begin(), Known.end(), P), P);
  }
  void forget(const VarDecl *V) {
    std::erase_if(Known, [&](const auto &P) { return P.first == V; });
  }
  PendingTry *pending(const void *Key) {
    for (PendingTry &P : Pending)
      if (P.Key == Key)
        return &P;
    return nullptr;
  }
  void addPending(PendingTry P) {
    dropPending(P.Key);
    Pending.insert(std::upper_bound(Pending.begin(), Pending.end(), P), P);
  }
  void dropPending(const void *Key) {
    std::erase_if(Pending, [&](const PendingTry &P) { return P.Key == Key; });
  }
  void rekeyPending(const void *From, const void *To) {
    PendingTry *P = pending(From);
    if (!P)
      return;
    PendingTry Copy = *P;
    dropPending(From);
    Copy.Key = To;
    Copy.KeyIsCall = false;
    addPending(Copy);
  }
};

/// Hands the locks owned by guard \p From to \p To (null: to nobody).
void regard(State &St, const VarDecl *From, const VarDecl *To) {
  std::vector<HeldLock> Moved;
  std::erase_if(St.Held, [&](const HeldLock &H) {
    if (H.Guard != From)
      return false;
    Moved.push_back(H);
    return true;
  });
  for (HeldLock H : Moved) {
    H.Guard = To;
    St.add(H);
  }
}

/// The intersection of two path states: what holds on both.
State meet(const State &A, const State &B) {
  State R;
  R.Imprecise = true;
  for (const HeldLock &H : A.Held)
    if (B.holds(H.Lock) && R.depth(H.Lock) < std::min(A.depth(H.Lock),
                                                      B.depth(H.Lock)))
      R.Held.push_back(H);
  for (const auto &P : A.Known)
    if (const bool *V = B.known(P.first); V && *V == P.second)
      R.Known.push_back(P);
  for (const PendingTry &P : A.Pending)
    if (std::find(B.Pending.begin(), B.Pending.end(), P) != B.Pending.end())
      R.Pending.push_back(P);
  return R;
}

struct Summary {
  struct Acquire {
    LockKey Lock;
    Location Site;
    std::vector<Related> Via;
    bool Fresh; // the callee did not release it first (so a held lock deadlocks)
  };
  struct Held {
    LockKey Lock;
    Location Site;
    std::vector<Related> Via;
    bool FromTry;
  };
  std::vector<Acquire> MayAcquire;   // every blocking acquisition, transitively
  std::vector<Held> HeldOnReturn;    // acquired and held on every return
  std::vector<LockKey> Releases;     // caller's locks it releases
  std::vector<OrderEdge> ParamEdges; // edges naming a parameter or `this`
  bool Ready = false;
  bool InProgress = false;
};

class TUAnalyzer;

/// The lockset analysis of one function body.
class FunctionAnalyzer {
public:
  FunctionAnalyzer(TUAnalyzer &TU, const FunctionDecl *FD, Summary &Sum)
      : TU(TU), FD(FD), Sum(Sum) {}
  void run();

private:
  // transfer
  void transfer(const CFGElement &E, State &St);
  void onCall(const CallExpr *CE, State &St);
  void onConstruct(const CXXConstructExpr *CE, State &St);
  void onGuardConstruct(const VarDecl *VD, const CXXConstructExpr *CE,
                        State &St);
  void onDecl(const DeclStmt *DS, State &St);
  void onAssign(const Expr *LHS, const Expr *RHS, State &St);
  void acquire(State &St, LockKey L, RawLoc Site, const VarDecl *Guard,
               uint32_t Via, bool Observe, const std::set<LockKey> &Batch);
  void release(State &St, LockKey L);
  void observeRelease(const State &St, LockKey L, RawLoc Site) {
    RelObs &R = Rel[{Site, L}];
    (St.holds(L) ? R.Held : R.NotHeld) = true;
  }
  void addHeld(State &St, LockKey L, RawLoc Site, const VarDecl *Guard,
               bool FromTry, uint32_t Via);
  /// A callee's summary renamed into this caller's terms at one call.
  struct PreparedCall {
    struct Acq {
      LockKey Lock;
      Location Site;
      std::vector<Related> Via;
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
  const PreparedCall &prepare(const CallExpr *CE, const FunctionDecl *Callee,
                              const Summary &S);
  void applySummary(const CallExpr *CE, const FunctionDecl *Callee,
                    const Summary &S, State &St);
  void startThread(const Expr *Callable, llvm::ArrayRef<const Expr *> Args);
  bool branch(State &St, const Expr *Cond, const Stmt *Term, bool TrueEdge);
  void recordExit(const CFGBlock *Pred, const State &St);
  void addEdge(LockKey From, LockKey To, detect::LockEdgeInfo Info);
  void finish();

  std::optional<LockKey> lockOf(const Expr *E);
  std::optional<LockKey> substitute(LockKey K, const Expr *Object,
                                    llvm::ArrayRef<const Expr *> Args);
  bool trackable(const VarDecl *V) const;
  const VarDecl *guardVar(const Expr *Object) const;
  void addState(const CFGBlock *B, State St);
  /// Keeps the simplest acquisition of each lock for the summary.
  void keepWitness(Summary::Acquire A) {
    if (MayAcquire.size() >= MaxSummaryItems && !MayAcquire.count(A.Lock))
      return;
    auto [It, New] = MayAcquire.try_emplace(A.Lock, A);
    if (New)
      return;
    Summary::Acquire &Old = It->second;
    bool Fresh = Old.Fresh || A.Fresh;
    if (A.Via.size() < Old.Via.size() ||
        (A.Via.size() == Old.Via.size() && locLess(A.Site, Old.Site)))
      Old = A;
    Old.Fresh = Fresh;
  }

  TUAnalyzer &TU;
  const FunctionDecl *FD;
  Summary &Sum;
  std::unique_ptr<CFG> Graph;

  std::set<const VarDecl *> Untrackable;
  std::map<const CXXConstructExpr *, const VarDecl *> CtorVar;
  std::map<const VarDecl *, std::vector<LockKey>> GuardLocks;
  std::set<LockKey> ReleasedUnheld;
  std::map<const CallExpr *, PreparedCall> Prepared;
  std::string Actor; // "function 'f'", for lock-order edges

  // the fixed point
  std::vector<std::set<State>> Seen;
  std::vector<std::optional<State>> Wide;
  std::deque<std::pair<const CFGBlock *, State>> Work;

  // observations
  struct AcqObs {
    bool Held = false, NotHeld = false;
    Location HeldSince;
    uint32_t Via = 0;
  };
  std::map<std::pair<RawLoc, LockKey>, AcqObs> Acq;
  struct RelObs {
    bool Held = false, NotHeld = false;
  };
  std::map<std::pair<RawLoc, LockKey>, RelObs> Rel;
  struct ExitObs {
    std::set<ExitPoint> Exits;
    bool FromTry = false;
    uint32_t Via = 0;
  };
  std::map<std::pair<LockKey, RawLoc>, ExitObs> ExitHeld;
  std::vector<State> ExitStates;
  std::map<std::pair<LockKey, LockKey>, OrderEdge> Edges;
  std::map<LockKey, Summary::Acquire> MayAcquire; // one witness per lock
};

class TUAnalyzer {
public:
  TUAnalyzer(ASTContext &Ctx, const ApiModel &Model, ProgramFacts &Facts,
             std::string SkipDir, LocksetObserver *Observer)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), Model(Model), Facts(Facts),
        Observer(Observer), SkipDir(std::move(SkipDir)) {
    Vias.emplace_back();
  }

  void run();
  /// The summary of \p Callee, analyzing it first if needed; null if it
  /// is not analyzable here or is on the current call stack (recursion).
  const Summary *summaryFor(const FunctionDecl *Callee);
  bool analyzable(const FunctionDecl *FD) const;

  Location loc(SourceLocation L) const {
    if (L.isInvalid())
      return {};
    PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(L));
    if (P.isInvalid())
      return {};
    return {P.getFilename(), P.getLine(), P.getColumn()};
  }
  Location loc(RawLoc R) const {
    return loc(SourceLocation::getFromRawEncoding(R));
  }
  uint32_t internVia(const std::vector<Related> &V) {
    if (V.empty())
      return 0;
    std::string K;
    for (const Related &R : V)
      K += R.Loc.File + ":" + std::to_string(R.Loc.Line) + ":" +
           std::to_string(R.Loc.Column) + ":" + R.Message + "\n";
    auto [It, New] = ViaIds.try_emplace(K, Vias.size());
    if (New)
      Vias.push_back(V);
    return It->second;
  }
  const std::vector<Related> &via(uint32_t Id) const { return Vias[Id]; }

  ASTContext &Ctx;
  SourceManager &SM;
  const ApiModel &Model;
  ProgramFacts &Facts;
  LocksetObserver *Observer;

private:
  void collect();
  std::string SkipDir;
  std::vector<const FunctionDecl *> Functions;
  std::map<const FunctionDecl *, Summary> Summaries;
  std::vector<std::vector<Related>> Vias;
  std::map<std::string, uint32_t> ViaIds;
  unsigned Depth = 0;
};

// ---- helpers ----------------------------------------------------------------

const Expr *strip(const Expr *E) {
  while (E) {
    const Expr *Next = E->IgnoreImplicit()->IgnoreParenImpCasts();
    if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(Next))
      Next = FC->getSubExpr();
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

/// std::ref(x) / std::cref(x) -> x.
const Expr *unwrapRef(const Expr *E) {
  E = strip(E);
  if (const auto *CE = dyn_cast<CallExpr>(E))
    if (const FunctionDecl *F = CE->getDirectCallee())
      if (CE->getNumArgs() == 1) {
        std::string N = F->getQualifiedNameAsString();
        if (N == "std::ref" || N == "std::cref" || N == "std::move")
          return strip(CE->getArg(0));
      }
  return E;
}

std::optional<int64_t> intConstant(const Expr *E, const ASTContext &Ctx) {
  E = strip(E);
  if (E->isValueDependent() || E->isTypeDependent())
    return std::nullopt;
  if (isa<CXXNullPtrLiteralExpr, GNUNullExpr>(E))
    return 0;
  if (auto V = E->getIntegerConstantExpr(Ctx))
    return V->getExtValue();
  return std::nullopt;
}

/// Variables a function's flags analysis must not trust: address taken,
/// bound to a non-const reference, captured by a lambda.
class EscapeFinder : public RecursiveASTVisitor<EscapeFinder> {
public:
  explicit EscapeFinder(std::set<const VarDecl *> &Out) : Out(Out) {}
  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->getOpcode() == UO_AddrOf)
      mark(U->getSubExpr());
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *L) {
    for (const LambdaCapture &C : L->captures())
      if (C.capturesVariable())
        if (const auto *V = dyn_cast<VarDecl>(C.getCapturedVar()))
          Out.insert(V);
    return true;
  }
  bool VisitCallExpr(CallExpr *CE) {
    if (const FunctionDecl *F = CE->getDirectCallee()) {
      unsigned Shift = isa<CXXOperatorCallExpr>(CE) && isa<CXXMethodDecl>(F);
      for (unsigned I = Shift; I < CE->getNumArgs(); ++I)
        if (I - Shift < F->getNumParams() &&
            isMutableRef(F->getParamDecl(I - Shift)->getType()))
          mark(CE->getArg(I));
    }
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *CE) {
    const CXXConstructorDecl *C = CE->getConstructor();
    for (unsigned I = 0; I < CE->getNumArgs() && I < C->getNumParams(); ++I)
      if (isMutableRef(C->getParamDecl(I)->getType()))
        mark(CE->getArg(I));
    return true;
  }
  bool VisitVarDecl(VarDecl *V) {
    if (V->getType()->isReferenceType() && V->getInit())
      mark(V->getInit());
    return true;
  }

private:
  static bool isMutableRef(QualType T) {
    return T->isReferenceType() && !T.getNonReferenceType().isConstQualified();
  }
  void mark(const Expr *E) {
    if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(E)))
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
        Out.insert(V);
  }
  std::set<const VarDecl *> &Out;
};

/// Guard variables and their constructor expressions.
class GuardFinder : public RecursiveASTVisitor<GuardFinder> {
public:
  GuardFinder(const ApiModel &M,
              std::map<const CXXConstructExpr *, const VarDecl *> &Out)
      : M(M), Out(Out) {}
  bool VisitVarDecl(VarDecl *V) {
    if (!V->hasLocalStorage() || !M.guardType(V->getType()))
      return true;
    if (const auto *CE = dyn_cast_or_null<CXXConstructExpr>(
            V->getInit() ? strip(V->getInit()) : nullptr))
      Out[CE] = V;
    return true;
  }

private:
  const ApiModel &M;
  std::map<const CXXConstructExpr *, const VarDecl *> &Out;
};

// ---- FunctionAnalyzer -------------------------------------------------------

bool FunctionAnalyzer::trackable(const VarDecl *V) const {
  if (!V || Untrackable.count(V) || V->isStaticLocal() ||
      !(V->isLocalVarDecl() || isa<ParmVarDecl>(V)))
    return false;
  if (V->getParentFunctionOrMethod() != FD)
    return false; // a lambda's captured variable: another function's
  QualType T = V->getType();
  return !T.isVolatileQualified() &&
         (T->isIntegralOrEnumerationType() || T->isPointerType());
}

const VarDecl *FunctionAnalyzer::guardVar(const Expr *Object) const {
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(strip(Object)))
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
      if (GuardLocks.count(V) || TU.Model.guardType(V->getType()))
        return V;
  return nullptr;
}

std::optional<LockKey> FunctionAnalyzer::lockOf(const Expr *E) {
  auto P = describeLock(E, FD, TU.Model, TU.Ctx);
  if (!P)
    return std::nullopt;
  return TU.Facts.Locks.intern(*P);
}

void FunctionAnalyzer::run() {
  Actor = "function '" + functionName(FD) + "'";
  Stmt *Body = FD->getBody();
  CFG::BuildOptions BO;
  BO.AddImplicitDtors = true;
  BO.AddInitializers = false;
  BO.setAllAlwaysAdd();
  Graph = CFG::buildCFG(FD, Body, &TU.Ctx, BO);
  if (!Graph)
    return;
  EscapeFinder(Untrackable).TraverseStmt(Body);
  GuardFinder(TU.Model, CtorVar).TraverseStmt(Body);

  Seen.assign(Graph->getNumBlockIDs(), {});
  Wide.assign(Graph->getNumBlockIDs(), std::nullopt);
  addState(&Graph->getEntry(), State{});
  while (!Work.empty()) {
    auto [B, St] = std::move(Work.front());
    Work.pop_front();
    for (const CFGElement &E : *B)
      transfer(E, St);
    const Stmt *Term = B->getTerminatorStmt();
    const auto *Cond = dyn_cast_or_null<Expr>(B->getTerminatorCondition());
    bool TwoWay = Cond && B->succ_size() == 2 && Term &&
                  !isa<SwitchStmt>(Term);
    unsigned Index = 0;
    for (auto I = B->succ_begin(), E = B->succ_end(); I != E; ++I, ++Index) {
      const CFGBlock *Succ = *I;
      if (!Succ)
        continue;
      State Out = St;
      if (TwoWay && !branch(Out, Cond, Term, Index == 0))
        continue;
      // A try-lock's result not tested by this block's branch is lost.
      std::erase_if(Out.Pending,
                    [](const PendingTry &P) { return P.KeyIsCall; });
      if (Succ == &Graph->getExit())
        recordExit(B, Out);
      else
        addState(Succ, std::move(Out));
    }
  }
  finish();
}

void FunctionAnalyzer::addState(const CFGBlock *B, State St) {
  unsigned Id = B->getBlockID();
  if (Wide[Id]) {
    State M = meet(*Wide[Id], St);
    if (M == *Wide[Id])
      return;
    Wide[Id] = M;
    Work.emplace_back(B, std::move(M));
    return;
  }
  if (!Seen[Id].insert(St).second)
    return;
  if (Seen[Id].size() <= MaxStates) {
    Work.emplace_back(B, std::move(St));
    return;
  }
  State M = *Seen[Id].begin();
  for (const State &S : Seen[Id])
    M = meet(M, S);
  Wide[Id] = M;
  Work.emplace_back(B, std::move(M));
}

void FunctionAnalyzer::transfer(const CFGElement &E, State &St) {
  if (auto S = E.getAs<CFGStmt>()) {
    const Stmt *Stm = S->getStmt();
    if (TU.Observer && TU.Observer->wants(Stm)) {
      std::vector<std::pair<LockKey, unsigned>> H;
      for (const HeldLock &L : St.Held)
        H.emplace_back(L.Lock, L.Site);
      TU.Observer->held(Stm, H);
    }
    if (const auto *CE = dyn_cast<CallExpr>(Stm))
      onCall(CE, St);
    else if (const auto *CC = dyn_cast<CXXConstructExpr>(Stm))
      onConstruct(CC, St);
    else if (const auto *DS = dyn_cast<DeclStmt>(Stm))
      onDecl(DS, St);
    else if (const auto *BO = dyn_cast<BinaryOperator>(Stm)) {
      if (BO->isAssignmentOp())
        onAssign(BO->getLHS(), BO->isCompoundAssignmentOp() ? nullptr
                                                            : BO->getRHS(),
                 St);
    } else if (const auto *UO = dyn_cast<UnaryOperator>(Stm)) {
      if (UO->isIncrementDecrementOp())
        onAssign(UO->getSubExpr(), nullptr, St);
    }
    return;
  }
  if (auto D = E.getAs<CFGAutomaticObjDtor>()) {
    const VarDecl *V = D->getVarDecl();
    St.dropPending(V);
    if (!GuardLocks.count(V))
      return;
    std::erase_if(St.Held, [&](const HeldLock &H) { return H.Guard == V; });
  }
}

void FunctionAnalyzer::onDecl(const DeclStmt *DS, State &St) {
  for (const Decl *D : DS->decls()) {
    const auto *V = dyn_cast<VarDecl>(D);
    if (!V)
      continue;
    St.forget(V);
    if (!V->getInit()) {
      St.dropPending(V);
      continue;
    }
    if (!isa<CXXConstructExpr>(strip(V->getInit())))
      St.dropPending(V);
    const Expr *Init = strip(V->getInit());
    if (St.pending(Init))
      St.rekeyPending(Init, V);
    else if (trackable(V))
      if (auto C = intConstant(Init, TU.Ctx))
        St.setKnown(V, *C != 0);
  }
}

void FunctionAnalyzer::onAssign(const Expr *LHS, const Expr *RHS, State &St) {
  const auto *DRE = dyn_cast<DeclRefExpr>(strip(LHS));
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V)
    return;
  St.forget(V);
  St.dropPending(V);
  if (!RHS)
    return;
  RHS = strip(RHS);
  if (St.pending(RHS))
    St.rekeyPending(RHS, V);
  else if (trackable(V))
    if (auto C = intConstant(RHS, TU.Ctx))
      St.setKnown(V, *C != 0);
}

void FunctionAnalyzer::addHeld(State &St, LockKey L, RawLoc Site,
                               const VarDecl *Guard, bool FromTry,
                               uint32_t Via) {
  if (St.holds(L) && (!TU.Facts.Locks.recursive(L) ||
                      St.depth(L) >= MaxHeldDepth))
    return; // a non-recursive lock cannot be held twice
  St.add(HeldLock{L, Site, Guard, FromTry, Via});
}

void FunctionAnalyzer::acquire(State &St, LockKey L, RawLoc Site,
                               const VarDecl *Guard, uint32_t Via,
                               bool Observe, const std::set<LockKey> &Batch) {
  Location At = TU.loc(Site);
  if (Observe) {
    AcqObs &O = Acq[{Site, L}];
    O.Via = Via;
    bool Held = false;
    for (const HeldLock &H : St.Held)
      if (H.Lock == L) {
        Location Since = TU.loc(H.Site);
        if (!O.Held || locLess(Since, O.HeldSince))
          O.HeldSince = Since;
        Held = O.Held = true;
      }
    if (!Held)
      O.NotHeld = true;
    keepWitness(Summary::Acquire{L, At, TU.via(Via), true});
  }
  // Every lock held now is ordered before L (but not the locks taken
  // together with it by std::lock / std::scoped_lock).
  for (const HeldLock &H : St.Held) {
    if (H.Lock == L || Batch.count(H.Lock))
      continue;
    detect::LockEdgeInfo Info;
    Info.Actor = Actor;
    Info.HeldAt = TU.loc(H.Site);
    Info.AcquiredAt = At;
    Info.Via = TU.via(Via);
    for (const HeldLock &O : St.Held)
      if (O.Lock != H.Lock && O.Lock != L)
        Info.AlsoHeld.insert(O.Lock);
    addEdge(H.Lock, L, std::move(Info));
  }
  addHeld(St, L, Site, Guard, false, Via);
}

void FunctionAnalyzer::release(State &St, LockKey L) {
  // Prefer the most recent manual acquisition; a guard-owned one only if
  // the code unlocks a guarded lock by hand.
  auto Pick = St.Held.end();
  for (auto I = St.Held.begin(); I != St.Held.end(); ++I)
    if (I->Lock == L &&
        (Pick == St.Held.end() || (Pick->Guard && !I->Guard) ||
         (!Pick->Guard == !I->Guard && I->Site > Pick->Site)))
      Pick = I;
  if (Pick != St.Held.end()) {
    St.Held.erase(Pick);
    return;
  }
  ReleasedUnheld.insert(L);
}

void FunctionAnalyzer::addEdge(LockKey From, LockKey To,
                               detect::LockEdgeInfo Info) {
  if (From == To)
    return;
  auto [It, New] = Edges.try_emplace({From, To});
  OrderEdge &E = It->second;
  if (New) {
    E = OrderEdge{From, To, std::move(Info)};
    return;
  }
  std::set<LockKey> Common;
  std::set_intersection(E.Info.AlsoHeld.begin(), E.Info.AlsoHeld.end(),
                        Info.AlsoHeld.begin(), Info.AlsoHeld.end(),
                        std::inserter(Common, Common.begin()));
  auto Before = [](const detect::LockEdgeInfo &A,
                   const detect::LockEdgeInfo &B) {
    if (!(A.AcquiredAt == B.AcquiredAt))
      return locLess(A.AcquiredAt, B.AcquiredAt);
    if (!(A.HeldAt == B.HeldAt))
      return locLess(A.HeldAt, B.HeldAt);
    return A.Via.size() < B.Via.size();
  };
  if (Before(Info, E.Info))
    E.Info = std::move(Info);
  E.Info.AlsoHeld = std::move(Common);
}

void FunctionAnalyzer::onConstruct(const CXXConstructExpr *CE, State &St) {
  if (TU.Model.guardType(CE->getType())) {
    auto It = CtorVar.find(CE);
    onGuardConstruct(It == CtorVar.end() ? nullptr : It->second, CE, St);
    return;
  }
  if (const ThreadCallModel *T = TU.Model.threadCtor(CE);
      T && T->Op == ThreadOp::ThreadCreate) {
    // weft's Thread(ThreadOptions, target, args...): skip the options.
    unsigned First = 0;
    while (First < CE->getNumArgs() &&
           ApiModel::typeName(CE->getArg(First)->getType()) ==
               "weft::threading::ThreadOptions")
      ++First;
    if (First >= CE->getNumArgs())
      return;
    std::vector<const Expr *> Args;
    for (unsigned I = First + 1; I < CE->getNumArgs(); ++I)
      Args.push_back(CE->getArg(I));
    startThread(CE->getArg(First), Args);
  }
}

void FunctionAnalyzer::onGuardConstruct(const VarDecl *VD,
                                        const CXXConstructExpr *CE,
                                        State &St) {
  enum { Lock, Defer, Try, Adopt } Mode = Lock;
  std::vector<LockKey> Locks;
  const VarDecl *MovedFrom = nullptr;
  for (const Expr *Arg : CE->arguments()) {
    std::string T = ApiModel::typeName(Arg->getType());
    if (T == "std::defer_lock_t")
      Mode = Defer;
    else if (T == "std::try_to_lock_t")
      Mode = Try;
    else if (T == "std::adopt_lock_t")
      Mode = Adopt;
    else if (TU.Model.guardType(Arg->getType()))
      MovedFrom = guardVar(unwrapRef(Arg));
    else if (isa<CXXDefaultArgExpr>(Arg))
      continue;
    else if (auto L = lockOf(Arg))
      Locks.push_back(*L);
  }
  RawLoc Site = (VD ? VD->getBeginLoc() : CE->getBeginLoc()).getRawEncoding();
  if (MovedFrom && VD) {
    // unique_lock b(std::move(a)): b now owns what a owned.
    GuardLocks[VD] = GuardLocks[MovedFrom];
    regard(St, MovedFrom, VD);
    return;
  }
  if (VD)
    GuardLocks[VD] = Locks;
  std::set<LockKey> Batch(Locks.begin(), Locks.end());
  for (LockKey L : Locks) {
    switch (Mode) {
    case Lock:
      acquire(St, L, Site, VD, 0, true, Batch);
      break;
    case Defer:
      break;
    case Try:
      if (VD)
        St.addPending(PendingTry{VD, false, L, Site, VD, true, 0});
      break;
    case Adopt: {
      // The lock is already held: the guard takes it over.
      bool Taken = false;
      for (HeldLock H : St.Held)
        if (H.Lock == L && !H.Guard) {
          std::erase(St.Held, H);
          H.Guard = VD;
          St.add(H);
          Taken = true;
          break;
        }
      if (!Taken)
        addHeld(St, L, Site, VD, false, 0);
      break;
    }
    }
  }
  // A temporary guard releases at the end of its full expression.
  if (!VD)
    for (LockKey L : Locks)
      if (Mode == Lock)
        std::erase_if(St.Held, [&](const HeldLock &H) {
          return H.Lock == L && H.Site == Site && !H.Guard;
        });
}

void FunctionAnalyzer::onCall(const CallExpr *CE, State &St) {
  const FunctionDecl *Callee = CE->getDirectCallee();
  if (!Callee)
    return;
  RawLoc Site = CE->getBeginLoc().getRawEncoding();
  const Expr *Object = nullptr;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE))
    Object = MC->getImplicitObjectArgument();

  if (const LockCallModel *M = TU.Model.lockCall(CE)) {
    std::vector<LockKey> Locks;
    auto Add = [&](const Expr *E) {
      if (auto L = lockOf(E))
        Locks.push_back(*L);
    };
    if (M->LockArg == ThisObject)
      Add(Object);
    else if (M->LockArg == AllArgs)
      for (const Expr *A : CE->arguments())
        Add(A);
    else if (static_cast<unsigned>(M->LockArg) < CE->getNumArgs())
      Add(CE->getArg(M->LockArg));
    LockOp Op = M->Op;
    if (Op == LockOp::PyAcquire) {
      // acquire(blocking=True, timeout=-1): blocking unless told otherwise.
      bool Blocking = true;
      if (CE->getNumArgs() > 0 && !isa<CXXDefaultArgExpr>(CE->getArg(0))) {
        auto B = intConstant(CE->getArg(0), TU.Ctx);
        Blocking = B && *B != 0;
      }
      if (CE->getNumArgs() > 1 && !isa<CXXDefaultArgExpr>(CE->getArg(1))) {
        Expr::EvalResult R;
        const Expr *T = CE->getArg(1);
        if (!(T->EvaluateAsRValue(R, TU.Ctx) && R.Val.isFloat() &&
              R.Val.getFloat().isNegative()) &&
            !(intConstant(T, TU.Ctx) && *intConstant(T, TU.Ctx) < 0))
          Blocking = false;
      }
      Op = Blocking ? LockOp::Acquire : LockOp::TryAcquire;
    }
    std::set<LockKey> Batch;
    if (Op == LockOp::AcquireAll)
      Batch.insert(Locks.begin(), Locks.end());
    for (LockKey L : Locks) {
      switch (Op) {
      case LockOp::Acquire:
      case LockOp::AcquireAll:
        acquire(St, L, Site, nullptr, 0, true, Batch);
        break;
      case LockOp::TryAcquire:
      case LockOp::TryAcquireZero:
        St.addPending(PendingTry{CE, true, L, Site, nullptr,
                                 Op == LockOp::TryAcquire, 0});
        break;
      case LockOp::Release:
        observeRelease(St, L, Site);
        release(St, L);
        break;
      case LockOp::PyAcquire:
        break;
      }
    }
    return;
  }

  if (auto G = TU.Model.guardCall(CE)) {
    const VarDecl *V = guardVar(Object);
    if (!V)
      return;
    const std::vector<LockKey> &Locks = GuardLocks[V];
    std::set<LockKey> Batch(Locks.begin(), Locks.end());
    for (LockKey L : Locks) {
      switch (*G) {
      case GuardOp::GuardLock:
        acquire(St, L, Site, V, 0, true, Batch);
        break;
      case GuardOp::GuardUnlock:
        {
          bool Owned = std::any_of(St.Held.begin(), St.Held.end(),
                                   [&](const HeldLock &H) {
                                     return H.Guard == V && H.Lock == L;
                                   });
          RelObs &R = Rel[{Site, L}];
          (Owned ? R.Held : R.NotHeld) = true;
        }
        std::erase_if(St.Held, [&](const HeldLock &H) {
          return H.Guard == V && H.Lock == L;
        });
        break;
      case GuardOp::GuardTryLock:
        St.addPending(PendingTry{CE, true, L, Site, V, true, 0});
        break;
      case GuardOp::GuardDisown:
        regard(St, V, nullptr);
        break;
      case GuardOp::GuardOwns:
        break;
      }
    }
    return;
  }

  if (const ThreadCallModel *T = TU.Model.threadCall(CE)) {
    if (T->Op == ThreadOp::ThreadCreate && T->CallableArg >= 0 &&
        static_cast<unsigned>(T->CallableArg) < CE->getNumArgs()) {
      std::vector<const Expr *> Args;
      for (unsigned I = T->FirstArg; I < CE->getNumArgs(); ++I)
        Args.push_back(CE->getArg(I));
      startThread(CE->getArg(T->CallableArg), Args);
    }
    return;
  }

  // A call of user code: its summary, in this caller's terms.
  TU.Facts.CalledFunctions.insert(functionId(Callee));
  if (const Summary *S = TU.summaryFor(Callee))
    applySummary(CE, Callee, *S, St);
}

std::optional<LockKey>
FunctionAnalyzer::substitute(LockKey K, const Expr *Object,
                             llvm::ArrayRef<const Expr *> Args) {
  const LockPath &P = TU.Facts.Locks.path(K);
  const Expr *Outer = nullptr;
  if (P.Root == RootKind::Param) {
    if (P.ParamIndex >= Args.size())
      return std::nullopt;
    Outer = unwrapRef(Args[P.ParamIndex]);
  } else if (P.Root == RootKind::This) {
    Outer = Object;
  } else {
    return K;
  }
  if (!Outer || isa<CXXDefaultArgExpr>(Outer))
    return std::nullopt;
  auto OP = describeLock(Outer, FD, TU.Model, TU.Ctx);
  if (!OP)
    return std::nullopt;
  LockPath Copy = P; // intern() may reallocate the table
  return TU.Facts.Locks.intern(Copy.under(*OP));
}

const FunctionAnalyzer::PreparedCall &
FunctionAnalyzer::prepare(const CallExpr *CE, const FunctionDecl *Callee,
                          const Summary &S) {
  auto [It, New] = Prepared.try_emplace(CE);
  PreparedCall &P = It->second;
  if (!New)
    return P;
  Location At = TU.loc(CE->getBeginLoc());
  std::string Name = functionName(Callee);
  const Expr *Object = nullptr;
  std::vector<const Expr *> Args(CE->arg_begin(), CE->arg_end());
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE)) {
    Object = MC->getImplicitObjectArgument();
  } else if (isa<CXXOperatorCallExpr>(CE) && isa<CXXMethodDecl>(Callee) &&
             !Args.empty()) {
    Object = Args.front();
    Args.erase(Args.begin());
  }
  Related Through{At, "through the call to '" + Name + "' here"};
  for (const Summary::Acquire &A : S.MayAcquire) {
    auto L = substitute(A.Lock, Object, Args);
    if (!L)
      continue;
    PreparedCall::Acq Q;
    Q.Lock = *L;
    Q.Site = A.Site;
    Q.Fresh = A.Fresh;
    Q.Via = {Through};
    Q.Via.insert(Q.Via.end(), A.Via.begin(),
                 A.Via.begin() + std::min(A.Via.size(), MaxVia - 1));
    std::vector<Related> Inside{
        {A.Site, "'" + TU.Facts.Locks.display(*L) + "' acquired here, in '" +
                     Name + "'"}};
    Inside.insert(Inside.end(), A.Via.begin(),
                  A.Via.begin() + std::min(A.Via.size(), MaxVia - 1));
    Q.InsideVia = TU.internVia(Inside);
    keepWitness(Summary::Acquire{Q.Lock, Q.Site, Q.Via, Q.Fresh});
    P.Acquires.push_back(std::move(Q));
  }
  for (LockKey K : S.Releases)
    if (auto L = substitute(K, Object, Args))
      P.Releases.push_back(*L);
  for (const Summary::Held &H : S.HeldOnReturn) {
    auto L = substitute(H.Lock, Object, Args);
    if (!L)
      continue;
    std::vector<Related> Via{
        {H.Site, "'" + TU.Facts.Locks.display(*L) + "' acquired here, in '" +
                     Name + "'"}};
    Via.insert(Via.end(), H.Via.begin(),
               H.Via.begin() + std::min(H.Via.size(), MaxVia - 1));
    P.Held.push_back({*L, H.FromTry, TU.internVia(Via)});
  }
  for (const OrderEdge &E : S.ParamEdges) {
    auto From = substitute(E.From, Object, Args);
    auto To = substitute(E.To, Object, Args);
    if (!From || !To)
      continue;
    OrderEdge R{*From, *To, E.Info};
    R.Info.Via.insert(R.Info.Via.begin(), Through);
    if (R.Info.Via.size() > MaxVia)
      R.Info.Via.resize(MaxVia);
    R.Info.AlsoHeld.clear();
    for (LockKey K : E.Info.AlsoHeld)
      if (auto G = substitute(K, Object, Args))
        R.Info.AlsoHeld.insert(*G);
    P.Edges.push_back(std::move(R));
  }
  return P;
}

void FunctionAnalyzer::applySummary(const CallExpr *CE,
                                    const FunctionDecl *Callee,
                                    const Summary &S, State &St) {
  // Renaming the summary does not depend on the path state: done once per
  // call expression (prepare), then applied to each state reaching it.
  const PreparedCall &P = prepare(CE, Callee, S);
  RawLoc Site = CE->getBeginLoc().getRawEncoding();
  for (const PreparedCall::Acq &A : P.Acquires) {
    for (const HeldLock &H : St.Held) {
      if (H.Lock == A.Lock)
        continue;
      detect::LockEdgeInfo Info;
      Info.Actor = Actor;
      Info.HeldAt = TU.loc(H.Site);
      Info.AcquiredAt = A.Site;
      Info.Via = A.Via;
      for (const HeldLock &O : St.Held)
        if (O.Lock != H.Lock && O.Lock != A.Lock)
          Info.AlsoHeld.insert(O.Lock);
      addEdge(H.Lock, A.Lock, std::move(Info));
    }
    if (!A.Fresh)
      continue;
    // Double acquire through the call: observed at the call site.
    AcqObs &O = Acq[{Site, A.Lock}];
    O.Via = A.InsideVia;
    bool Held = false;
    for (const HeldLock &H : St.Held)
      if (H.Lock == A.Lock) {
        Location Since = TU.loc(H.Site);
        if (!O.Held || locLess(Since, O.HeldSince))
          O.HeldSince = Since;
        Held = O.Held = true;
      }
    if (!Held)
      O.NotHeld = true;
  }
  for (LockKey L : P.Releases)
    release(St, L);
  for (const PreparedCall::HeldOut &H : P.Held)
    addHeld(St, H.Lock, Site, nullptr, H.FromTry, H.Via);
  for (const OrderEdge &E : P.Edges) {
    detect::LockEdgeInfo Info = E.Info;
    for (const HeldLock &H : St.Held)
      if (H.Lock != E.From && H.Lock != E.To)
        Info.AlsoHeld.insert(H.Lock);
    addEdge(E.From, E.To, std::move(Info));
  }
}

void FunctionAnalyzer::startThread(const Expr *Callable,
                                   llvm::ArrayRef<const Expr *> Args) {
  // A new thread holds nothing: only the target's own lock-order edges,
  // renamed with the arguments it is given, matter here.
  const Expr *C = strip(Callable);
  if (const auto *U = dyn_cast<UnaryOperator>(C); U && U->getOpcode() == UO_AddrOf)
    C = strip(U->getSubExpr());
  const auto *DRE = dyn_cast<DeclRefExpr>(C);
  const auto *Target = DRE ? dyn_cast<FunctionDecl>(DRE->getDecl()) : nullptr;
  if (!Target)
    return;
  const Summary *S = TU.summaryFor(Target);
  if (!S)
    return;
  Related Through{TU.loc(Callable->getBeginLoc()),
                  "in the thread started here running '" +
                      functionName(Target) + "'"};
  // (Starting a thread is not a call: the target's own exits are its own.)
  for (const OrderEdge &E : S->ParamEdges) {
    auto From = substitute(E.From, nullptr, Args);
    auto To = substitute(E.To, nullptr, Args);
    if (!From || !To)
      continue;
    detect::LockEdgeInfo Info = E.Info;
    Info.Via.insert(Info.Via.begin(), Through);
    if (Info.Via.size() > MaxVia)
      Info.Via.resize(MaxVia);
    Info.AlsoHeld.clear();
    for (LockKey K : E.Info.AlsoHeld)
      if (auto G = substitute(K, nullptr, Args))
        Info.AlsoHeld.insert(*G);
    addEdge(*From, *To, std::move(Info));
  }
}

/// What a branch condition tests: a try-lock call, a variable, or whether
/// a guard owns its lock; and whether "condition true" means "key truthy".
struct CondKey {
  enum Kind { None, Call, Var, Owns } K = None;
  const void *Key = nullptr;
  bool Polarity = true;
};

CondKey condKey(const Expr *Cond, const Stmt *Term, const ApiModel &Model,
                const ASTContext &Ctx) {
  CondKey R;
  const Expr *E = strip(Cond);
  // The block that branches evaluated the last operand of && / || only.
  while (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (!BO->isLogicalOp() || BO == Term)
      break;
    E = strip(BO->getRHS());
  }
  for (unsigned Guard = 0; Guard < 16; ++Guard) {
    E = strip(E);
    if (const auto *U = dyn_cast<UnaryOperator>(E);
        U && U->getOpcode() == UO_LNot) {
      R.Polarity = !R.Polarity;
      E = U->getSubExpr();
      continue;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(E);
        BO && (BO->getOpcode() == BO_EQ || BO->getOpcode() == BO_NE)) {
      const Expr *Other = nullptr;
      std::optional<int64_t> C;
      if ((C = intConstant(BO->getRHS(), Ctx)))
        Other = BO->getLHS();
      else if ((C = intConstant(BO->getLHS(), Ctx)))
        Other = BO->getRHS();
      if (!Other || (*C != 0 && *C != 1))
        return CondKey{};
      // x == 0 and x != 1 are true when x is falsy.
      if ((BO->getOpcode() == BO_EQ) == (*C == 0))
        R.Polarity = !R.Polarity;
      E = Other;
      continue;
    }
    break;
  }
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    if (auto G = Model.guardCall(MC); G && *G == GuardOp::GuardOwns)
      if (const auto *DRE =
              dyn_cast<DeclRefExpr>(strip(MC->getImplicitObjectArgument()))) {
        R.K = CondKey::Owns;
        R.Key = DRE->getDecl();
        return R;
      }
  }
  if (isa<CallExpr>(E)) {
    R.K = CondKey::Call;
    R.Key = E;
    return R;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (isa<VarDecl>(DRE->getDecl())) {
      R.K = CondKey::Var;
      R.Key = DRE->getDecl();
      return R;
    }
  return CondKey{};
}

bool FunctionAnalyzer::branch(State &St, const Expr *Cond, const Stmt *Term,
                              bool TrueEdge) {
  CondKey C = condKey(Cond, Term, TU.Model, TU.Ctx);
  if (C.K == CondKey::None)
    return true;
  bool Truthy = TrueEdge ? C.Polarity : !C.Polarity;
  const VarDecl *V = C.K == CondKey::Call
                         ? nullptr
                         : static_cast<const VarDecl *>(C.Key);
  if (PendingTry *P = St.pending(C.Key)) {
    PendingTry Try = *P;
    St.dropPending(C.Key);
    if (C.K == CondKey::Var && trackable(V))
      St.setKnown(V, Truthy);
    if (Truthy != Try.SuccessIfTrue)
      return true; // not acquired on this edge
    // A try-lock of a lock this thread holds fails (unless recursive).
    if (St.holds(Try.Lock) && !TU.Facts.Locks.recursive(Try.Lock))
      return false;
    addHeld(St, Try.Lock, Try.Site, Try.Guard, true, Try.Via);
    return true;
  }
  if (C.K == CondKey::Owns) {
    bool Owns = std::any_of(St.Held.begin(), St.Held.end(),
                            [&](const HeldLock &H) { return H.Guard == V; });
    return Owns == Truthy;
  }
  if (C.K == CondKey::Var && trackable(V)) {
    if (const bool *K = St.known(V))
      return *K == Truthy;
    St.setKnown(V, Truthy);
  }
  return true;
}

void FunctionAnalyzer::recordExit(const CFGBlock *Pred, const State &St) {
  if (Pred->hasNoReturnElement())
    return; // exit(), abort(): the process ends, nothing to release
  ExitPoint EP;
  EP.Kind = ExitKind::End;
  const CFGBlock *B = Pred;
  bool Found = false;
  for (unsigned Hops = 0; B && Hops < 4 && !Found; ++Hops) {
    for (auto I = B->rbegin(), E = B->rend(); I != E; ++I)
      if (auto S = I->getAs<CFGStmt>()) {
        if (const auto *R = dyn_cast<ReturnStmt>(S->getStmt())) {
          EP.Kind = ExitKind::Return;
          EP.Loc = TU.loc(R->getBeginLoc());
          Found = true;
          break;
        }
        if (const auto *T = dyn_cast<CXXThrowExpr>(S->getStmt())) {
          EP.Kind = ExitKind::Throw;
          EP.Loc = TU.loc(T->getBeginLoc());
          Found = true;
          break;
        }
      }
    // Only blocks of destructors lie between a return and the exit.
    if (!Found && B->pred_size() == 1 && B->size() > 0 &&
        std::all_of(B->begin(), B->end(), [](const CFGElement &E) {
          return E.getAs<CFGAutomaticObjDtor>().has_value();
        }))
      B = *B->pred_begin();
    else
      break;
  }
  if (!Found) {
    const Stmt *Body = FD->getBody();
    SourceLocation End = Body->getEndLoc();
    if (const auto *CS = dyn_cast<CompoundStmt>(Body))
      End = CS->getRBracLoc();
    EP.Loc = TU.loc(End);
  }
  ExitStates.push_back(St);
  if (St.Imprecise)
    return;
  for (const HeldLock &H : St.Held) {
    if (H.Guard)
      continue;
    ExitObs &O = ExitHeld[{H.Lock, H.Site}];
    O.Exits.insert(EP);
    O.FromTry |= H.FromTry;
    O.Via = H.Via;
  }
}

void FunctionAnalyzer::finish() {
  ProgramFacts &F = TU.Facts;
  std::string Name = functionName(FD);
  std::string Id = functionId(FD);
  bool ReturnsValue = !FD->getReturnType()->isVoidType();

  // The ordered-locking idiom (lock the lower id first) makes one function
  // take two parameter locks in both orders: that is the fix, not the bug.
  for (auto It = Edges.begin(); It != Edges.end();) {
    auto [A, B] = It->first;
    auto Rev = Edges.find({B, A});
    if (Rev != Edges.end() && F.Locks.path(A).parametric() &&
        F.Locks.path(B).parametric()) {
      Edges.erase(Rev);
      It = Edges.erase(It);
    } else {
      ++It;
    }
  }
  for (auto &[K, E] : Edges) {
    F.Edges.push_back(E);
    if (F.Locks.path(E.From).parametric() || F.Locks.path(E.To).parametric())
      Sum.ParamEdges.push_back(E);
  }

  for (auto &[K, O] : Acq) {
    AcquireFact A;
    A.Lock = K.second;
    A.Site = TU.loc(K.first);
    A.Via = TU.via(O.Via);
    A.Function = Name;
    A.HeldOnEveryPath = O.Held && !O.NotHeld;
    A.HeldOnSomePath = O.Held;
    A.HeldSince = O.HeldSince;
    F.Acquires.push_back(std::move(A));
  }

  auto HeldEverywhere = [&](LockKey L) {
    return !ExitStates.empty() &&
           std::all_of(ExitStates.begin(), ExitStates.end(),
                       [&](const State &S) { return S.holds(L); });
  };
  std::map<LockKey, Summary::Held> OnReturn;
  for (auto &[K, O] : ExitHeld) {
    HeldAtExitFact H;
    H.Lock = K.first;
    H.AcquiredAt = TU.loc(K.second);
    H.Via = TU.via(O.Via);
    H.Function = Name;
    H.FunctionId = Id;
    H.Exits.assign(O.Exits.begin(), O.Exits.end());
    H.HeldOnEveryExit = HeldEverywhere(K.first);
    H.FromTry = O.FromTry;
    H.ReturnsValue = ReturnsValue;
    if (H.HeldOnEveryExit &&
        F.Locks.path(H.Lock).Root != RootKind::Local) {
      auto [It, New] = OnReturn.try_emplace(H.Lock);
      if (New || locLess(H.AcquiredAt, It->second.Site))
        It->second = Summary::Held{H.Lock, H.AcquiredAt, H.Via, H.FromTry};
    }
    F.HeldAtExit.push_back(std::move(H));
  }
  for (auto &[L, H] : OnReturn)
    Sum.HeldOnReturn.push_back(H);
  for (auto &[K, R] : Rel) {
    ReleaseFact RF;
    RF.Lock = K.second;
    RF.Site = TU.loc(K.first);
    RF.Function = Name;
    RF.FunctionId = Id;
    RF.HeldOnSomePath = R.Held;
    RF.Parametric = F.Locks.path(K.second).parametric();
    for (auto &[AK, AO] : Acq)
      RF.AcquiredInFunction |= AK.second == K.second;
    F.Releases.push_back(std::move(RF));
  }
  for (LockKey L : ReleasedUnheld) {
    Sum.Releases.push_back(L);
    F.ReleasedUnheld.insert(F.Locks.path(L).key());
  }
  for (auto &[K, A] : MayAcquire) {
    Summary::Acquire Copy = A;
    // Released first, then acquired: a caller holding it does not deadlock.
    if (ReleasedUnheld.count(A.Lock))
      Copy.Fresh = false;
    Sum.MayAcquire.push_back(std::move(Copy));
  }
}

// ---- TUAnalyzer -------------------------------------------------------------

class FunctionCollector : public RecursiveASTVisitor<FunctionCollector> {
public:
  FunctionCollector(TUAnalyzer &TU, std::vector<const FunctionDecl *> &Out)
      : TU(TU), Out(Out) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (TU.analyzable(FD) && Seen.insert(FD).second)
      Out.push_back(FD);
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *L) {
    const FunctionDecl *Op = L->getCallOperator();
    if (TU.analyzable(Op) && Seen.insert(Op).second)
      Out.push_back(Op);
    return true;
  }
  /// pthread mutexes made recursive: initialised with attributes (which
  /// may say PTHREAD_MUTEX_RECURSIVE; unknown here) or with a recursive
  /// static initializer.
  bool VisitCallExpr(CallExpr *CE) {
    const FunctionDecl *F = CE->getDirectCallee();
    if (!F || F->getName() != "pthread_mutex_init" || CE->getNumArgs() != 2)
      return true;
    if (CE->getArg(1)->isNullPointerConstant(
            TU.Ctx, Expr::NPC_ValueDependentIsNotNull))
      return true;
    if (auto P = describeLock(CE->getArg(0), nullptr, TU.Model, TU.Ctx))
      TU.Facts.Locks.markRecursive(P->key());
    return true;
  }
  bool VisitVarDecl(VarDecl *V) {
    if (!V->getInit() || ApiModel::typeName(V->getType()) != "pthread_mutex_t")
      return true;
    SourceRange R = V->getInit()->getSourceRange();
    const SourceManager &SM = TU.SM;
    StringRef Text = Lexer::getSourceText(
        CharSourceRange::getTokenRange(SM.getExpansionRange(R).getAsRange()),
        SM, TU.Ctx.getLangOpts());
    if (Text.contains("RECURSIVE"))
      if (auto P = describeVariable(V, TU.Model, TU.Ctx))
        TU.Facts.Locks.markRecursive(P->key());
    return true;
  }

private:
  TUAnalyzer &TU;
  std::vector<const FunctionDecl *> &Out;
  std::set<const FunctionDecl *> Seen;
};

bool TUAnalyzer::analyzable(const FunctionDecl *FD) const {
  if (!FD || !FD->doesThisDeclarationHaveABody() || FD->isDependentContext() ||
      FD->isDefaulted() || FD->isDeleted() ||
      (FD->isImplicit() && !isa<CXXMethodDecl>(FD)))
    return false;
  SourceLocation L = SM.getExpansionLoc(FD->getLocation());
  if (L.isInvalid() || SM.isInSystemHeader(L))
    return false;
  if (!SkipDir.empty()) {
    StringRef File = SM.getFilename(L);
    if (File.starts_with(SkipDir))
      return false;
  }
  return true;
}

const Summary *TUAnalyzer::summaryFor(const FunctionDecl *Callee) {
  const FunctionDecl *Def = nullptr;
  if (!Callee->hasBody(Def) || !analyzable(Def))
    return nullptr;
  Summary &S = Summaries[Def];
  if (S.Ready)
    return &S;
  if (S.InProgress || Depth >= MaxCallDepth)
    return nullptr;
  S.InProgress = true;
  ++Depth;
  FunctionAnalyzer(*this, Def, S).run();
  --Depth;
  S.InProgress = false;
  S.Ready = true;
  return &S;
}

void TUAnalyzer::run() {
  FunctionCollector(*this, Functions).TraverseDecl(Ctx.getTranslationUnitDecl());
  for (const FunctionDecl *FD : Functions)
    summaryFor(FD);
}

} // namespace

void analyzeTranslationUnit(ASTContext &Ctx, const ApiModel &Model,
                            ProgramFacts &Facts, const std::string &SkipDir,
                            LocksetObserver *Observer) {
  std::string Dir = SkipDir;
  if (!Dir.empty() && Dir.back() != '/')
    Dir += '/';
  TUAnalyzer(Ctx, Model, Facts, Dir, Observer).run();
}

} // namespace weft::analyzer
