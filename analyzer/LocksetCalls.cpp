//===- analyzer/LocksetCalls.cpp - callee summaries applied at calls -------===//
//
// A summary (LocksetState.h) speaks of the callee's locks; those rooted at
// a parameter or `this` are renamed into the caller's terms at each call
// (substitute: `transfer(x, y)` makes `from.m` into `x.m`) and at each
// thread start (the target's parametric lock-order edges with the thread's
// arguments). Renaming does not depend on the path state: done once per
// call expression (prepare), then applied to each path state reaching it.
// Call chains ("through the call to 'f' here") are kept to MaxVia notes.
//===----------------------------------------------------------------------===//
#include "analyzer/LocksetAnalyzer.h"
#include "analyzer/ApiModel.h"
#include "analyzer/Exprs.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

namespace weft::analyzer::lockset {

using namespace clang;
using report::Location;
using report::Related;

std::optional<LockKey>
FunctionAnalyzer::substitute(LockKey K, const Expr *Object,
                             llvm::ArrayRef<const Expr *> Args) {
  const LockPath &P = TU.Facts.Locks.path(K);
  const Expr *Outer = nullptr;
  if (P.Root == RootKind::Param) {
    if (P.ParamIndex >= Args.size())
      return std::nullopt;
    Outer = unwrapStdRef(Args[P.ParamIndex], nullptr, /*AlsoMove=*/true);
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

std::optional<OrderEdge>
FunctionAnalyzer::renameEdge(const OrderEdge &E, const Expr *Object,
                             llvm::ArrayRef<const Expr *> Args,
                             const Related &Through) {
  auto From = substitute(E.From, Object, Args);
  auto To = substitute(E.To, Object, Args);
  if (!From || !To)
    return std::nullopt;
  OrderEdge R{*From, *To, E.Info};
  R.Info.Via.insert(R.Info.Via.begin(), Through);
  if (R.Info.Via.size() > MaxVia)
    R.Info.Via.resize(MaxVia);
  R.Info.AlsoHeld.clear();
  for (LockKey K : E.Info.AlsoHeld)
    if (auto G = substitute(K, Object, Args))
      R.Info.AlsoHeld.insert(*G);
  return R;
}

void FunctionAnalyzer::keepWitness(Summary::Acquire A) {
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
  // The call chain seen from the call site: where the callee acquires the
  // lock, then the callee's own chain.
  auto Inside = [&](LockKey L, const Location &Site,
                    const std::vector<Related> &Via) {
    std::vector<Related> R{{Site, "'" + TU.Facts.Locks.display(L) +
                                      "' acquired here, in '" + Name + "'"}};
    R.insert(R.end(), Via.begin(),
             Via.begin() + std::min(Via.size(), MaxVia - 1));
    return TU.internVia(R);
  };
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
    Q.InsideVia = Inside(*L, A.Site, A.Via);
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
    P.Held.push_back({*L, H.FromTry, Inside(*L, H.Site, H.Via)});
  }
  for (const OrderEdge &E : S.ParamEdges)
    if (auto R = renameEdge(E, Object, Args, Through))
      P.Edges.push_back(std::move(*R));
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
    orderBefore(St, A.Lock, A.Site, A.Via, nullptr);
    // Double acquire through the call: observed at the call site.
    if (A.Fresh)
      observeAcquire(St, Site, A.Lock, A.InsideVia);
  }
  // A callee that lets go of the caller's lock and takes it again (a wait,
  // `Unlock(); ...; Lock();`) leaves it as it was: same owner, same site.
  std::set<LockKey> Restored;
  // A callee releasing what its pointer parameter points to, given a local
  // holding a lock a call returned: that lock is released.
  std::set<LockKey> ViaAlias;
  for (LockKey K : S.Releases) {
    const LockPath &LP = TU.Facts.Locks.path(K);
    if (LP.Root != RootKind::Param || LP.ParamIndex >= CE->getNumArgs())
      continue;
    const auto *DRE =
        dyn_cast<DeclRefExpr>(stripExpr(CE->getArg(LP.ParamIndex)));
    const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    if (auto A = V ? St.alias(V) : std::nullopt) {
      std::vector<const Expr *> Args(CE->arg_begin(), CE->arg_end());
      if (auto Named = substitute(K, nullptr, Args))
        ViaAlias.insert(*Named);
      release(St, *A);
    }
  }
  for (LockKey L : P.Releases)
    if (St.holds(L) &&
        std::any_of(P.Held.begin(), P.Held.end(),
                    [&](const PreparedCall::HeldOut &H) { return H.Lock == L; }))
      Restored.insert(L);
  for (LockKey L : P.Releases)
    if (!Restored.count(L) && !ViaAlias.count(L))
      release(St, L);
  for (const PreparedCall::HeldOut &H : P.Held)
    if (!Restored.count(H.Lock))
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
  const Expr *C = stripExpr(Callable);
  if (const auto *U = dyn_cast<UnaryOperator>(C); U && U->getOpcode() == UO_AddrOf)
    C = stripExpr(U->getSubExpr());
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
  for (const OrderEdge &E : S->ParamEdges)
    if (auto R = renameEdge(E, nullptr, Args, Through))
      addEdge(R->From, R->To, std::move(R->Info), functionId(Target));
}

} // namespace weft::analyzer::lockset
