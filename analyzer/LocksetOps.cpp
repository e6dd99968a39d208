//===- analyzer/LocksetOps.cpp - what lock operations do to a path state ---===//
//
// The transfer functions of the lock, guard and thread calls the API table
// (ApiModel.def) knows: blocking and try acquisitions (a try-lock becomes a
// PendingTry until a branch tests its result), releases, RAII guards with
// their defer/try/adopt tags and moves, std::lock batches, and thread
// creation (handed to LocksetCalls.cpp). Every blocking acquisition is
// observed (held before or not) and orders every lock held before it.
// A call of user code applies the callee's summary (LocksetCalls.cpp).
//===----------------------------------------------------------------------===//
#include "analyzer/LocksetAnalyzer.h"
#include "analyzer/ApiModel.h"
#include "analyzer/Exprs.h"
#include "analyzer/SafetyAttrs.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

namespace weft::analyzer::lockset {

using namespace clang;
using report::Location;
using report::Related;

const VarDecl *FunctionAnalyzer::guardVar(const Expr *Object) const {
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(stripExpr(Object)))
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
  if (!Guard)
    if (auto It = HandReleased.find(L); It != HandReleased.end())
      Guard = It->second;
  if (Observe) {
    observeAcquire(St, Site, L, Via);
    keepWitness(Summary::Acquire{L, At, TU.via(Via), true});
  }
  // Every lock held now is ordered before L (but not the locks taken
  // together with it by std::lock / std::scoped_lock).
  orderBefore(St, L, At, TU.via(Via), &Batch);
  addHeld(St, L, Site, Guard, false, Via);
}

void FunctionAnalyzer::observeAcquire(const State &St, RawLoc Site, LockKey L,
                                      uint32_t Via) {
  SiteBlock.emplace(Site, CurBlock);
  AcqObs &O = Acq[{Site, L}];
  O.Via = Via;
  bool Held = false;
  for (const HeldLock &H : St.Held)
    if (H.Lock == L) {
      Location Since = heldAt(H);
      if (!O.Held || locLess(Since, O.HeldSince))
        O.HeldSince = Since;
      Held = O.Held = true;
    }
  if (!Held)
    O.NotHeld = true;
}

void FunctionAnalyzer::orderBefore(const State &St, LockKey L,
                                   const Location &At,
                                   const std::vector<Related> &Via,
                                   const std::set<LockKey> *Batch) {
  for (const HeldLock &H : St.Held) {
    if (H.Lock == L || (Batch && Batch->count(H.Lock)))
      continue;
    detect::LockEdgeInfo Info;
    Info.Actor = Actor;
    Info.HeldAt = heldAt(H);
    Info.AcquiredAt = At;
    Info.Via = Via;
    for (const HeldLock &O : St.Held)
      if (O.Lock != H.Lock && O.Lock != L)
        Info.AlsoHeld.insert(O.Lock);
    addEdge(H.Lock, L, std::move(Info));
  }
}

Location FunctionAnalyzer::heldAt(const HeldLock &H) const {
  return H.Site ? TU.loc(H.Site) : TU.loc(FD->getBeginLoc());
}

void FunctionAnalyzer::holdOnEntry(State &St, LockKey L, const VarDecl *Guard) {
  EntryHeld.insert(L);
  if (!St.holds(L))
    St.add(HeldLock{L, 0, Guard, false, 0});
}

bool FunctionAnalyzer::onCapabilityCall(const FunctionDecl *Callee,
                                        const Expr *Object,
                                        llvm::ArrayRef<const Expr *> Args,
                                        RawLoc Site, const VarDecl *Guard,
                                        State &St) {
  CapabilityDecl Cap = capabilityOf(Callee);
  if (Cap.Op == CapabilityOp::None || Cap.Op == CapabilityOp::Requires ||
      Cap.Op == CapabilityOp::TryAcquire)
    return false;
  std::vector<LockKey> Locks;
  if (Cap.Locks.empty()) {
    if (auto L = Object ? lockOf(Object) : std::nullopt)
      Locks.push_back(*L);
  }
  for (const Expr *E : Cap.Locks)
    if (auto P = describeLock(E, Callee, TU.Model, TU.Ctx))
      if (auto L = substitute(TU.Facts.Locks.intern(*P), Object, Args))
        Locks.push_back(*L);
  if (Locks.empty())
    return false;
  if (Guard)
    GuardLocks[Guard] = Locks;
  std::set<LockKey> Batch(Locks.begin(), Locks.end());
  for (LockKey L : Locks) {
    switch (Cap.Op) {
    case CapabilityOp::Acquire:
      acquire(St, L, Site, Guard, 0, true, Batch);
      break;
    case CapabilityOp::Release:
      observeRelease(St, L, Site);
      release(St, L);
      break;
    case CapabilityOp::Assert:
      holdOnEntry(St, L);
      break;
    default:
      break;
    }
  }
  return true;
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
    if (Pick->Guard)
      HandReleased[L] = Pick->Guard;
    if (Pick->Site == 0)
      ReleasedUnheld.insert(L); // the caller's lock
    St.Held.erase(Pick);
    return;
  }
  ReleasedUnheld.insert(L);
}

void FunctionAnalyzer::addEdge(LockKey From, LockKey To,
                               detect::LockEdgeInfo Info,
                               const std::string &Runner) {
  if (From == To)
    return;
  auto [It, New] = Edges.try_emplace({From, To});
  OrderEdge &E = It->second;
  if (New) {
    E = OrderEdge{From, To, std::move(Info), Runner, {}};
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
  if (auto It = CtorVar.find(CE); It != CtorVar.end()) {
    // A scoped capability (MutexLock l(&mu) with ACQUIRE(mu)): a guard
    // whose destructor releases what it took.
    std::vector<const Expr *> Args(CE->arg_begin(), CE->arg_end());
    if (onCapabilityCall(CE->getConstructor(), nullptr, Args,
                         It->second->getBeginLoc().getRawEncoding(),
                         It->second, St))
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
      MovedFrom = guardVar(unwrapStdRef(Arg, nullptr, /*AlsoMove=*/true));
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
        holdOnEntry(St, L, VD);
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
          SiteBlock.emplace(Site, CurBlock);
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

  if (const CondWaitModel *W = TU.Model.condWait(CE)) {
    // The wait releases its lock and holds it again when it returns: the
    // lock is held before and after. Not taken here: held on entry.
    const Expr *LE = W->LockArg == ThisObject ? Object
                     : static_cast<unsigned>(W->LockArg) < CE->getNumArgs()
                         ? CE->getArg(W->LockArg)
                         : nullptr;
    if (LE && !guardVar(unwrapStdRef(LE, nullptr, false)))
      if (auto L = lockOf(LE); L && !St.holds(*L))
        holdOnEntry(St, *L);
    return;
  }

  // A call of user code: its summary, in this caller's terms.
  TU.Facts.CalledFunctions.insert(functionId(Callee));
  {
    std::vector<const Expr *> Args(CE->arg_begin(), CE->arg_end());
    if (onCapabilityCall(Callee, Object, Args, Site, nullptr, St))
      return;
  }
  // Constant arguments the callee branches on: its summary for them.
  const Summary *S = nullptr;
  if (ConstArgs C = constArgs(CE, Callee, TU.Ctx); !C.empty())
    S = TU.specialised(Callee, C);
  if (S || (S = TU.summaryFor(Callee)))
    applySummary(CE, Callee, *S, St);
  // A lock it returns when it returns non-null: held once the result is
  // tested (a function that always returns it held: HeldOnReturn).
  if (S && S->ReturnsLock) {
    std::vector<const Expr *> Args(CE->arg_begin(), CE->arg_end());
    if (auto L = substitute(*S->ReturnsLock, Object, Args); L && S->ReturnsTry)
      St.addPending(PendingTry{CE, true, *L, Site, nullptr, true, 0});
  }
}

} // namespace weft::analyzer::lockset
