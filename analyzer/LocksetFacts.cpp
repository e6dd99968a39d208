//===- analyzer/LocksetFacts.cpp - exits, facts and the summary -----------===//
//
// What one function's analysis leaves behind, once its fixed point is
// reached: at each exit (return, end of body, a throw that leaves; not
// after exit()/abort()) the locks still held; then, from the per-site
// observations, the facts (Facts.h: acquisitions held on every / some
// path, locks held at exits, releases, lock-order edges) and the summary
// its callers apply (LocksetState.h).
//===----------------------------------------------------------------------===//
#include "analyzer/LocksetAnalyzer.h"
#include "analyzer/ApiModel.h"
#include "analyzer/SafetyAttrs.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/StmtCXX.h"

namespace weft::analyzer::lockset {

using namespace clang;
using report::Location;
using report::Related;

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
          noteReturned(R, St);
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
    if (H.Guard || H.Site == 0)
      continue; // a guard's (released later) or the caller's
    ExitObs &O = ExitHeld[{H.Lock, H.Site}];
    O.Exits.insert(EP);
    O.FromTry |= H.FromTry;
    O.Via = H.Via;
  }
}

void FunctionAnalyzer::noteReturned(const ReturnStmt *R, const State &St) {
  const Expr *V = R->getRetValue();
  if (!V || !V->getType()->isPointerType())
    return;
  if (V->isNullPointerConstant(TU.Ctx, Expr::NPC_ValueDependentIsNotNull)) {
    ReturnsNull = true;
    return;
  }
  auto L = lockOf(V);
  bool Held = L && std::any_of(St.Held.begin(), St.Held.end(),
                               [&](const HeldLock &H) {
                                 return H.Lock == *L && H.Site && !H.Guard;
                               });
  if (Held)
    ReturnedHeld.insert(*L);
  else
    ReturnsOther = true;
}

bool FunctionAnalyzer::reaches(unsigned From, unsigned To) {
  if (From == To)
    return true; // in one block: (most likely) in order
  auto [It, New] = Reach.try_emplace(From);
  std::vector<bool> &Seen = It->second;
  if (New) {
    Seen.assign(Graph->getNumBlockIDs(), false);
    std::vector<const CFGBlock *> Work;
    for (const CFGBlock *B : *Graph)
      if (B->getBlockID() == From)
        Work.push_back(B);
    while (!Work.empty()) {
      const CFGBlock *B = Work.back();
      Work.pop_back();
      for (const CFGBlock *S : B->succs())
        if (S && !Seen[S->getBlockID()]) {
          Seen[S->getBlockID()] = true;
          Work.push_back(S);
        }
    }
  }
  return To < Seen.size() && Seen[To];
}

void FunctionAnalyzer::finish() {
  // A specialised summary's facts go to a scratch table: the general
  // analysis of the body has them all.
  ProgramFacts Scratch;
  ProgramFacts &F = SummaryOnly ? Scratch : TU.Facts;
  const LockTable &Locks = TU.Facts.Locks;
  std::string Name = functionName(FD);
  std::string Id = functionId(FD);
  bool ReturnsValue = !FD->getReturnType()->isVoidType();

  // The ordered-locking idiom (lock the lower id first) makes one function
  // take two parameter locks in both orders: that is the fix, not the bug.
  for (auto It = Edges.begin(); It != Edges.end();) {
    auto [A, B] = It->first;
    auto Rev = Edges.find({B, A});
    if (Rev != Edges.end() && Locks.path(A).parametric() &&
        Locks.path(B).parametric()) {
      Edges.erase(Rev);
      It = Edges.erase(It);
    } else {
      ++It;
    }
  }
  for (auto &[K, E] : Edges) {
    if (E.FunctionId.empty())
      E.FunctionId = Id;
    E.Where = E.Info.Via.empty() ? E.Info.AcquiredAt : E.Info.Via.front().Loc;
    F.Edges.push_back(E);
    if (Locks.path(E.From).parametric() || Locks.path(E.To).parametric())
      Sum.ParamEdges.push_back(E);
  }

  // NO_THREAD_SAFETY_ANALYSIS: no findings inside (the summary stays).
  bool OptedOut = optedOut(FD);
  // ACQUIRE: it returns holding the lock on purpose.
  bool OnPurpose = acquiresOnPurpose(FD);
  for (auto &[K, O] : Acq) {
    if (OptedOut)
      break;
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
        Locks.path(H.Lock).Root != RootKind::Local) {
      auto [It, New] = OnReturn.try_emplace(H.Lock);
      if (New || locLess(H.AcquiredAt, It->second.Site))
        It->second = Summary::Held{H.Lock, H.AcquiredAt, H.Via, H.FromTry};
    }
    // Released first (the caller's lock), then taken again: restored.
    if (!OptedOut && !OnPurpose && !ReleasedUnheld.count(H.Lock))
      F.HeldAtExit.push_back(std::move(H));
  }
  Sum.Requires.assign(EntryHeld.begin(), EntryHeld.end());
  if (ReturnedHeld.size() == 1 && !ReturnsOther) {
    Sum.ReturnsLock = *ReturnedHeld.begin();
    Sum.ReturnsTry = ReturnsNull;
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
    RF.Parametric = Locks.path(K.second).parametric();
    // A second release: an acquisition of the lock here reaches it (not
    // one on another arm: `switch (mode) { case HOLD: lock; case LETGO:
    // unlock; }` releases the caller's lock).
    for (auto &[AK, AO] : Acq)
      RF.AcquiredInFunction |=
          AK.second == K.second &&
          reaches(SiteBlock[AK.first], SiteBlock[K.first]);
    // Lets go of the caller's lock and takes it back for every exit
    // (`Unlock(); ...; Lock();`): the release is of the caller's lock.
    if (ReleasedUnheld.count(K.second) && HeldEverywhere(K.second))
      RF.AcquiredInFunction = false;
    F.Releases.push_back(std::move(RF));
  }
  for (LockKey L : ReleasedUnheld) {
    Sum.Releases.push_back(L);
    F.ReleasedUnheld.insert(Locks.path(L).key());
  }
  for (auto &[K, A] : MayAcquire) {
    Summary::Acquire Copy = A;
    // Released first, then acquired: a caller holding it does not deadlock.
    if (ReleasedUnheld.count(A.Lock))
      Copy.Fresh = false;
    Sum.MayAcquire.push_back(std::move(Copy));
  }
}

} // namespace weft::analyzer::lockset
