//===- analyzer/Threads.cpp - thread starts and what runs when ------------===//
//
// Thread starts become ThreadActor facts: the function each runs, how its
// parameters (and `this`, and the reference fields a Thread subclass's
// constructor set) are bound, and how it was started. In a function that
// starts threads, a may-analysis over its CFG tracks which of them may be
// running at each access and call: a start adds (std::thread and
// pthread_create when created, a weft Thread at start()), a join removes
// (by handle; a join through an unknown handle or a container element
// removes what it may name). Loops are assumed to run at least once, so
// "start all in a loop, join all in a loop" leaves nothing running. The
// same walk finds a weft Thread started twice.
//===----------------------------------------------------------------------===//
#include "analyzer/Races.h"
#include "analyzer/Exprs.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"

#include <algorithm>
#include <deque>

namespace weft::analyzer {

using namespace clang;

namespace {

struct Callable {
  const FunctionDecl *Target = nullptr;
  bool MemberPointer = false;
  bool Functor = false;
};

Callable resolveCallable(const Expr *C, unsigned Depth = 0) {
  Callable R;
  if (!C || Depth > 8)
    return R;
  C = stripExpr(unwrapStdRef(C));
  if (const auto *U = dyn_cast<UnaryOperator>(C);
      U && U->getOpcode() == UO_AddrOf) {
    C = stripExpr(U->getSubExpr());
    if (const auto *DRE = dyn_cast<DeclRefExpr>(C))
      if (const auto *MD = dyn_cast<CXXMethodDecl>(DRE->getDecl());
          MD && MD->isInstance()) {
        R.Target = MD;
        R.MemberPointer = true;
        return R;
      }
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(C)) {
    if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl())) {
      R.Target = FD;
      return R;
    }
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
      if (V->getInit() && !V->getType()->isPointerType())
        if (Callable I = resolveCallable(V->getInit(), Depth + 1); I.Target)
          return I;
  }
  if (const auto *L = dyn_cast<LambdaExpr>(C)) {
    R.Target = L->getCallOperator();
    return R;
  }
  if (const auto *CE = dyn_cast<CXXConstructExpr>(C);
      CE && CE->getNumArgs() == 1)
    if (Callable I = resolveCallable(CE->getArg(0), Depth + 1); I.Target)
      return I;
  if (const CXXRecordDecl *RD = C->getType()->getAsCXXRecordDecl()) {
    if (RD->isLambda()) {
      R.Target = RD->getLambdaCallOperator();
      return R;
    }
    if (RD->hasDefinition())
      for (const CXXMethodDecl *M : RD->methods())
        if (M->getOverloadedOperator() == OO_Call) {
          R.Target = M;
          R.Functor = true;
          return R;
        }
  }
  return R;
}

const CXXMethodDecl *runMethod(const CXXRecordDecl *RD, const std::string &Name,
                               unsigned Depth = 0) {
  if (!RD || !RD->hasDefinition() || Depth > 8)
    return nullptr;
  RD = RD->getDefinition();
  for (const CXXMethodDecl *M : RD->methods())
    if (M->getDeclName().isIdentifier() && M->getName() == Name &&
        M->getNumParams() == 0 && M->hasBody())
      return M;
  for (const CXXBaseSpecifier &B : RD->bases())
    if (const auto *M =
            runMethod(B.getType()->getAsCXXRecordDecl(), Name, Depth + 1))
      return M;
  return nullptr;
}

std::string baseKey(const std::string &Key) {
  return Key.substr(0, Key.find('['));
}

void markPartitioned(BindingSet &B) {
  for (DataBinding &D : B.Params)
    if (D.Path.Imprecise)
      D.Path.Partitioned = true;
  if (B.This.Path.Imprecise)
    B.This.Path.Partitioned = true;
  for (auto &[F, D] : B.FieldAliases)
    if (D.Path.Imprecise)
      D.Path.Partitioned = true;
}

} // namespace

std::string RaceCollector::handleKey(const Expr *E, DataNamer &N,
                                     bool &Imprecise, std::string &Display) {
  Imprecise = false;
  if (!E)
    return "";
  std::optional<LockPath> P = E->getType()->isPointerType() ? N.ptrTarget(E)
                                                             : N.objName(E);
  if (!P)
    return "";
  Display = P->display();
  Imprecise = P->Imprecise;
  return baseKey(P->key());
}

void RaceCollector::threadEvents(FnInfo &F, const Stmt *S, DataNamer &N) {
  std::string How;
  const Expr *CallableE = nullptr;
  std::vector<const Expr *> Args;
  bool RunsAtStart = false, Process = false, Copies = true, Pthread = false;
  const CXXRecordDecl *Subclass = nullptr;
  const CXXConstructorDecl *SubCtor = nullptr;
  std::vector<const Expr *> CtorArgs;
  const Expr *HandleE = nullptr;
  const VarDecl *HandleVar = nullptr;
  std::string SubMethod;

  auto Var = [&](const Expr *E) {
    auto It = InitVar.find(E);
    return It == InitVar.end() ? nullptr : It->second;
  };
  auto TakeThreadArgs = [&](llvm::ArrayRef<const Expr *> All) {
    unsigned First = 0;
    while (First < All.size() &&
           (ApiModel::typeName(All[First]->getType()) ==
                "weft::threading::ThreadOptions" ||
            ApiModel::typeName(All[First]->getType()) == "std::launch" ||
            All[First]->getType()->isEnumeralType()))
      ++First;
    if (First >= All.size())
      return;
    CallableE = All[First];
    for (unsigned I = First + 1; I < All.size(); ++I)
      if (!isa<CXXDefaultArgExpr>(All[I]))
        Args.push_back(All[I]);
  };

  if (const auto *CE = dyn_cast<CXXConstructExpr>(S)) {
    const ThreadCallModel *T = Model.threadCtor(CE);
    std::vector<const Expr *> All(CE->arg_begin(), CE->arg_end());
    HandleVar = Var(CE);
    if (T && (T->Op == ThreadOp::ThreadCreate ||
              T->Op == ThreadOp::ProcessCreate)) {
      std::string Class = ApiModel::typeName(CE->getType());
      RunsAtStart = Class.rfind("weft::", 0) == 0;
      Process = T->Op == ThreadOp::ProcessCreate;
      How = RunsAtStart ? (Process ? "weft Process" : "weft Thread") : Class;
      TakeThreadArgs(All);
    } else if (const CXXRecordDecl *RD = CE->getType()->getAsCXXRecordDecl()) {
      auto Base = Model.threadBase(RD);
      if (!Base)
        return;
      Subclass = RD;
      SubMethod = Base->first;
      Process = Base->second;
      SubCtor = CE->getConstructor();
      CtorArgs = All;
      RunsAtStart = true;
      How = std::string(Process ? "Process" : "Thread") + " subclass '" +
            RD->getNameAsString() + "'";
    } else {
      return;
    }
  } else if (const auto *CE = dyn_cast<CallExpr>(S)) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    std::string Name = Callee ? Callee->getQualifiedNameAsString() : "";
    std::vector<const Expr *> All(CE->arg_begin(), CE->arg_end());
    if (Name == "std::make_unique" || Name == "std::make_shared") {
      const TemplateArgumentList *TA = Callee->getTemplateSpecializationArgs();
      if (!TA || TA->size() < 1 ||
          TA->get(0).getKind() != TemplateArgument::Type)
        return;
      QualType T = TA->get(0).getAsType();
      std::string Class = ApiModel::typeName(T);
      const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
      HandleVar = Var(CE);
      if (Class == "weft::threading::Thread" ||
          Class == "weft::multiprocessing::Process") {
        RunsAtStart = true;
        Process = Class == "weft::multiprocessing::Process";
        How = Process ? "weft Process" : "weft Thread";
        TakeThreadArgs(All);
      } else if (auto Base = Model.threadBase(RD)) {
        Subclass = RD;
        SubMethod = Base->first;
        Process = Base->second;
        RunsAtStart = true;
        CtorArgs = All;
        for (const CXXConstructorDecl *C : RD->ctors())
          if (C->getNumParams() == All.size() && !C->isCopyOrMoveConstructor())
            SubCtor = C;
        How = std::string(Process ? "Process" : "Thread") + " subclass '" +
              RD->getNameAsString() + "'";
      } else {
        return;
      }
      HandleE = nullptr;
    } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE);
               MC && Callee && Callee->getName().starts_with("emplace")) {
      // container<std::thread>.emplace_back(f, args...)
      QualType CT = MC->getImplicitObjectArgument()->getType();
      if (CT->isPointerType())
        CT = CT->getPointeeType();
      const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          CT->getAsCXXRecordDecl());
      if (!Spec || Spec->getTemplateArgs().size() < 1 ||
          Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
        return;
      std::string Elem =
          ApiModel::typeName(Spec->getTemplateArgs()[0].getAsType());
      if (Elem != "std::thread" && Elem != "std::jthread")
        return;
      How = Elem;
      HandleE = MC->getImplicitObjectArgument();
      TakeThreadArgs(All);
    } else if (const ThreadCallModel *T = Model.threadCall(CE)) {
      const Expr *Object = nullptr;
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE))
        Object = MC->getImplicitObjectArgument();
      if (T->Op == ThreadOp::ThreadStart || T->Op == ThreadOp::ThreadJoin) {
        const Expr *H = Object ? Object : (All.empty() ? nullptr : All[0]);
        Event E;
        E.K = T->Op == ThreadOp::ThreadStart ? EvKind::WeftStart
                                             : EvKind::Join;
        E.Handle = handleKey(H, N, E.Imprecise, E.Display);
        // Joining through a range-for variable joins the container.
        if (const auto *DRE =
                dyn_cast_or_null<DeclRefExpr>(H ? stripExpr(H) : nullptr))
          if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
              V && V->isCXXForRangeDecl())
            E.Handle = "";
        F.Events[S].push_back(E);
        return;
      }
      if (T->Op != ThreadOp::ThreadCreate || T->CallableArg < 0 ||
          static_cast<unsigned>(T->CallableArg) >= All.size())
        return;
      Pthread = Name == "pthread_create";
      How = Pthread ? "pthread_create"
                    : (Object ? ApiModel::typeName(Object->getType()) +
                                    "::" + Callee->getNameAsString()
                              : Name);
      Copies = !Pthread;
      CallableE = All[T->CallableArg];
      if (T->FirstArg >= 0)
        for (unsigned I = T->FirstArg; I < All.size(); ++I)
          if (!isa<CXXDefaultArgExpr>(All[I]))
            Args.push_back(All[I]);
      if (Pthread)
        HandleE = All[0];
      else
        HandleVar = Var(CE);
      if (Name == "std::async")
        TakeThreadArgs(All), How = "std::async";
    } else {
      return;
    }
  } else {
    return;
  }

  // The function the thread runs, and how its parameters are bound.
  const FunctionDecl *Target = nullptr;
  BindingSet Bind;
  if (Subclass) {
    Target = runMethod(Subclass, SubMethod);
    if (!Target)
      return;
    if (HandleVar)
      if (auto P = N.var(HandleVar))
        Bind.This = {DataBinding::Object, *P};
    if (SubCtor)
      for (const CXXCtorInitializer *I : SubCtor->inits()) {
        if (!I->isMemberInitializer())
          continue;
        const FieldDecl *Fld = I->getMember();
        QualType FT = Fld->getType();
        if (!FT->isReferenceType() && !FT->isPointerType())
          continue;
        const auto *DRE = dyn_cast<DeclRefExpr>(stripExpr(I->getInit()));
        const auto *PV = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
        if (!PV || PV->getFunctionScopeIndex() >= CtorArgs.size())
          continue;
        const Expr *A = unwrapStdRef(CtorArgs[PV->getFunctionScopeIndex()]);
        std::optional<LockPath> P = FT->isReferenceType() ? N.objName(A)
                                                          : N.ptrTarget(A);
        if (P)
          Bind.FieldAliases.push_back(
              {"." + Fld->getNameAsString(),
               {FT->isReferenceType() ? DataBinding::Object
                                      : DataBinding::Pointee,
                *P}});
      }
  } else {
    Callable C = resolveCallable(CallableE);
    if (!C.Target)
      return;
    const FunctionDecl *Def = C.Target;
    C.Target->hasBody(Def);
    Target = Def ? Def : C.Target;
    const Expr *Object = nullptr;
    bool ObjPtr = false;
    if (C.MemberPointer && !Args.empty()) {
      bool WasRef = false;
      Object = unwrapStdRef(Args.front(), &WasRef);
      ObjPtr = Object->getType()->isPointerType();
      if (!ObjPtr && !WasRef)
        Object = nullptr; // a copy of the object
      Args.erase(Args.begin());
    }
    Bind = bindCall(Target, Args, Object, ObjPtr, Copies, N, F.FD);
    if (C.Functor)
      Bind.This = {};
  }
  markPartitioned(Bind);

  LocalActor LA;
  LA.A.Target = functionId(Target);
  LA.A.TargetName = functionName(Target);
  LA.A.Site = loc(S->getBeginLoc());
  LA.A.How = How;
  LA.A.Bind = std::move(Bind);
  LA.A.Parent = functionId(F.FD);
  LA.A.Process = Process;
  LA.RunsAtStart = RunsAtStart;
  bool Imp = false;
  std::string Disp;
  if (HandleVar) {
    if (auto P = N.var(HandleVar))
      LA.Handle = baseKey(P->key());
  } else if (HandleE) {
    LA.Handle = handleKey(HandleE, N, Imp, Disp);
  }
  uint32_t Idx = Actors.size();
  Actors.push_back(std::move(LA));
  if (RunsAtStart) {
    F.WeftActors.push_back(Idx);
    if (!Actors[Idx].Handle.empty()) {
      Event E;
      E.K = EvKind::Decl;
      E.Handle = Actors[Idx].Handle;
      F.Events[S].push_back(E);
    }
  } else {
    Event E;
    E.K = EvKind::Start;
    E.Actors = {Idx};
    F.Events[S].push_back(E);
  }
}

// ---- the may-run analysis of a parent function -------------------------------

namespace {
struct PState {
  std::set<uint32_t> Running;
  std::map<std::string, SourceLocation::UIntTy> Started;
  std::set<const Stmt *> Entered;
  auto tie() const { return std::tie(Running, Started, Entered); }
  bool operator<(const PState &O) const { return tie() < O.tie(); }
};
} // namespace

void RaceCollector::runThreadFlow(FnInfo &F) {
  CFG::BuildOptions BO;
  BO.AddImplicitDtors = false;
  BO.AddInitializers = false;
  BO.setAllAlwaysAdd();
  std::unique_ptr<CFG> G =
      CFG::buildCFG(F.FD, F.FD->getBody(), &Ctx, BO);
  if (!G)
    return;
  std::vector<std::set<PState>> Seen(G->getNumBlockIDs());
  std::deque<std::pair<const CFGBlock *, PState>> Work;
  Work.emplace_back(&G->getEntry(), PState{});
  Seen[G->getEntry().getBlockID()].insert(PState{});
  bool Leaks = false;
  std::set<std::pair<SourceLocation::UIntTy, SourceLocation::UIntTy>> Twice;

  auto StartActors = [&](PState &St, const std::vector<uint32_t> &As) {
    for (uint32_t A : As) {
      for (uint32_t R : St.Running) {
        if (R == A) {
          Actors[A].A.SelfParallel = true;
          continue;
        }
        Actors[A].Parallel.push_back(R);
        Actors[R].Parallel.push_back(A);
      }
    }
    for (uint32_t A : As)
      St.Running.insert(A);
  };

  while (!Work.empty()) {
    auto [B, St] = std::move(Work.front());
    Work.pop_front();
    for (const CFGElement &E : *B) {
      auto CS = E.getAs<CFGStmt>();
      if (!CS)
        continue;
      const Stmt *S = CS->getStmt();
      if (Wanted.count(S) && !St.Running.empty())
        RunningAt[S].insert(St.Running.begin(), St.Running.end());
      auto It = F.Events.find(S);
      if (It == F.Events.end())
        continue;
      for (const Event &Ev : It->second) {
        switch (Ev.K) {
        case EvKind::Start:
          StartActors(St, Ev.Actors);
          break;
        case EvKind::WeftStart: {
          std::vector<uint32_t> As;
          for (uint32_t A : F.WeftActors)
            if (!Ev.Handle.empty() && Actors[A].Handle == Ev.Handle)
              As.push_back(A);
          if (As.empty())
            As = F.WeftActors;
          if (!Ev.Handle.empty() && !Ev.Imprecise) {
            SourceLocation::UIntTy Here = S->getBeginLoc().getRawEncoding();
            auto [SI, New] = St.Started.try_emplace(Ev.Handle, Here);
            if (!New && SI->second != Here &&
                Twice.insert({Here, SI->second}).second)
              Facts.StartedTwice.push_back(
                  {loc(S->getBeginLoc()),
                   loc(SourceLocation::getFromRawEncoding(SI->second)),
                   Ev.Display});
            else if (!New && SI->second == Here &&
                     Twice.insert({Here, Here}).second)
              Facts.StartedTwice.push_back(
                  {loc(S->getBeginLoc()), loc(S->getBeginLoc()), Ev.Display});
          }
          StartActors(St, As);
          break;
        }
        case EvKind::Join:
          for (auto RI = St.Running.begin(); RI != St.Running.end();) {
            const std::string &H = Actors[*RI].Handle;
            if (Ev.Handle.empty() || H.empty() || H == Ev.Handle)
              RI = St.Running.erase(RI);
            else
              ++RI;
          }
          break;
        case EvKind::Decl:
          St.Started.erase(Ev.Handle);
          break;
        }
      }
    }
    const Stmt *Term = B->getTerminatorStmt();
    bool Loop = Term && isa<ForStmt, WhileStmt, CXXForRangeStmt>(Term) &&
                B->succ_size() == 2;
    unsigned Index = 0;
    for (auto SI = B->succ_begin(); SI != B->succ_end(); ++SI, ++Index) {
      const CFGBlock *Succ = *SI;
      if (!Succ)
        continue;
      PState Out = St;
      if (Loop) {
        if (Index == 0) {
          Out.Entered.insert(Term);
        } else {
          // Loops run at least once (start-all / join-all loops).
          if (!Out.Entered.count(Term))
            continue;
          Out.Entered.erase(Term);
        }
      }
      if (Succ == &G->getExit()) {
        Leaks |= !Out.Running.empty();
        continue;
      }
      auto &Set = Seen[Succ->getBlockID()];
      if (Set.size() >= 64) {
        // Too many: widen to the union of everything seen.
        PState U = *Set.begin();
        for (const PState &P : Set) {
          U.Running.insert(P.Running.begin(), P.Running.end());
          U.Entered.insert(P.Entered.begin(), P.Entered.end());
        }
        U.Running.insert(Out.Running.begin(), Out.Running.end());
        U.Entered.insert(Out.Entered.begin(), Out.Entered.end());
        Out = U;
      }
      if (Set.insert(Out).second)
        Work.emplace_back(Succ, std::move(Out));
    }
  }
  if (Leaks)
    Facts.LeakyParents.insert(functionId(F.FD));
}

// ---- facts -------------------------------------------------------------------

void RaceCollector::finish() {
  for (FnInfo &F : Fns)
    if (!F.Events.empty())
      runThreadFlow(F);

  uint32_t Base = Facts.Actors.size();
  for (uint32_t I = 0; I < Actors.size(); ++I) {
    std::vector<uint32_t> &Par = Actors[I].Parallel;
    std::sort(Par.begin(), Par.end());
    Par.erase(std::unique(Par.begin(), Par.end()), Par.end());
    ThreadActor A = std::move(Actors[I].A);
    A.Id = Base + I;
    A.Handle = Actors[I].Handle;
    A.ParallelWith.reserve(Par.size());
    for (uint32_t P : Par)
      A.ParallelWith.push_back(Base + P);
    std::vector<uint32_t>().swap(Par);
    Facts.Actors.push_back(std::move(A));
  }
  auto HeldRefs = [&](const Stmt *S) {
    std::vector<HeldRef> Out;
    for (auto [L, Site] : HeldAt[S])
      Out.push_back({L, Site && Site != EntrySite
                            ? loc(SourceLocation::getFromRawEncoding(Site))
                             : report::Location{}});
    return Out;
  };
  auto Running = [&](const Stmt *S) {
    std::vector<uint32_t> Out;
    auto It = RunningAt.find(S);
    if (It != RunningAt.end())
      for (uint32_t A : It->second)
        Out.push_back(Base + A);
    return Out;
  };
  for (FnInfo &F : Fns) {
    std::string Id = functionId(F.FD);
    if (Facts.Functions.count(Id))
      continue;
    FunctionData D;
    D.Id = Id;
    D.Name = functionName(F.FD);
    for (const Access &A : F.Accesses) {
      if (!HeldAt.count(A.Op))
        continue; // unreachable
      D.Accesses.push_back({A.Where, loc(A.Loc), A.Write, HeldRefs(A.Op),
                            Running(A.Op), A.InCondition, A.SyncBefore,
                            A.SyncAfter});
    }
    for (Call &C : F.Calls) {
      if (!HeldAt.count(C.Op))
        continue;
      D.Calls.push_back({functionId(C.Callee), functionName(C.Callee),
                         loc(C.Loc), std::move(C.Bind), HeldRefs(C.Op),
                         Running(C.Op), C.SyncBefore, C.SyncAfter, C.InLoop});
    }
    for (const auto &[S, Evs] : F.Events)
      for (const Event &E : Evs)
        if (E.K == EvKind::Join && !E.Handle.empty() && !E.Imprecise)
          D.Joins.emplace_back(E.Handle, loc(S->getBeginLoc()));
    Facts.Functions.emplace(Id, std::move(D));
  }
  auto CommonSection = [&](const Stmt *A, const Stmt *B) {
    for (auto [L, S] : HeldAt[A])
      for (auto [L2, S2] : HeldAt[B])
        if (L == L2 && S == S2 && S != 0)
          return true;
    return false;
  };
  for (const QueueCheck &Q : QueueChecks) {
    if (!HeldAt.count(Q.Check) || !HeldAt.count(Q.Act))
      continue;
    QueueCheckFact QF;
    QF.Check = loc(Q.Check->getBeginLoc());
    QF.Act = loc(Q.Act->getBeginLoc());
    QF.Queue = Q.Queue;
    QF.CheckCall = Q.CheckCall;
    QF.ActCall = Q.ActCall;
    QF.ActIsGet = Q.ActIsGet;
    QF.Covered = CommonSection(Q.Check, Q.Act);
    Facts.QueueChecks.push_back(std::move(QF));
  }
  for (const ValueCheck &V : ValueChecks) {
    if (!HeldAt.count(V.Check) || !HeldAt.count(V.Write))
      continue;
    const auto &HC = HeldAt[V.Check], &HW = HeldAt[V.Write];
    if (HC.empty() || HW.empty() || CommonSection(V.Check, V.Write))
      continue;
    ValueCheckFact VF;
    VF.Where = V.Where;
    VF.Check = loc(V.Check->getBeginLoc());
    VF.Write = loc(V.Write->getBeginLoc());
    VF.CheckSince = HeldRefs(V.Check).front().Since;
    VF.WriteSince = HeldRefs(V.Write).front().Since;
    Facts.ValueChecks.push_back(std::move(VF));
  }
}

} // namespace weft::analyzer
