//===- analyzer/Races.cpp - data accesses, calls and slips of one TU ------===//
//
// See Races.h. Accesses are the operands of the operations that read or
// write memory: an lvalue-to-rvalue conversion (a read), the left side of
// an assignment, ++/-- (writes), and member calls on library containers
// (const: read; otherwise write). Each is named by DataNamer; locals of the
// function itself are kept only when they escape (address taken, captured
// by reference, std::ref, bound to a non-const reference), and variables a
// lambda captured by copy are its own.
//===----------------------------------------------------------------------===//
#include "analyzer/Races.h"
#include "analyzer/Exprs.h"
#include "analyzer/UserCode.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

#include <algorithm>

namespace weft::analyzer {

using namespace clang;

// ---- DataNamer --------------------------------------------------------------

static bool mentions(const Stmt *S, const std::set<const VarDecl *> &Vars) {
  if (!S)
    return false;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
      return Vars.count(V) != 0;
  for (const Stmt *C : S->children())
    if (mentions(C, Vars))
      return true;
  return false;
}

void DataNamer::index(LockPath &P, const Expr *Idx) {
  Expr::EvalResult R;
  if (!Idx->isValueDependent() && Idx->EvaluateAsInt(R, Ctx)) {
    P.Suffix += "[" + std::to_string(R.Val.getInt().getExtValue()) + "]";
    return;
  }
  P.Suffix += "[*]";
  P.Imprecise = true;
  if (PerThread && mentions(Idx, *PerThread))
    P.Partitioned = true;
}

std::optional<LockPath> DataNamer::var(const VarDecl *V, unsigned Depth) {
  if (V->getTLSKind() != VarDecl::TLS_None)
    return std::nullopt; // thread-local: per thread by definition
  QualType T = V->getType();
  if (T->isReferenceType() && !isa<ParmVarDecl>(V) && V->getInit()) {
    if (auto P = objName(V->getInit(), Depth + 1))
      return P;
    return std::nullopt;
  }
  return declRoot(V, Ctx);
}

static LockPath thisPath(const CXXRecordDecl *RD) {
  if (RD)
    return thisRoot(RD);
  LockPath P; // `this` of an unknown class
  P.Root = RootKind::This;
  P.RootKey = "t:?";
  P.RootDisplay = "this";
  return P;
}

std::optional<LockPath> DataNamer::objName(const Expr *E, unsigned Depth) {
  if (!E || Depth > 16)
    return std::nullopt;
  E = E->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
      return var(V, Depth);
    return std::nullopt;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const ValueDecl *M = ME->getMemberDecl();
    if (const auto *V = dyn_cast<VarDecl>(M))
      return var(V, Depth);
    if (!isa<FieldDecl>(M))
      return std::nullopt;
    const Expr *Base = ME->getBase()->IgnoreParenImpCasts();
    std::optional<LockPath> P;
    if (isa<CXXThisExpr>(Base))
      P = thisPath(cast<FieldDecl>(M)->getParent()
                       ? dyn_cast<CXXRecordDecl>(cast<FieldDecl>(M)->getParent())
                       : nullptr);
    else
      P = ME->isArrow() ? ptrTarget(ME->getBase(), Depth + 1)
                        : objName(Base, Depth + 1);
    if (P)
      P->Suffix += "." + M->getNameAsString();
    return P;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    if (UO->getOpcode() == UO_Deref)
      return ptrTarget(UO->getSubExpr(), Depth + 1);
    return std::nullopt;
  }
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
    const Expr *B = AS->getBase()->IgnoreParens();
    std::optional<LockPath> P;
    if (const auto *IC = dyn_cast<ImplicitCastExpr>(B);
        IC && IC->getCastKind() == CK_ArrayToPointerDecay)
      P = objName(IC->getSubExpr(), Depth + 1);
    else
      P = ptrTarget(B, Depth + 1);
    if (P)
      index(*P, AS->getIdx());
    return P;
  }
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (OC->getOperator() == OO_Subscript && OC->getNumArgs() == 2) {
      auto P = objName(OC->getArg(0), Depth + 1);
      if (P)
        index(*P, OC->getArg(1));
      return P;
    }
    if ((OC->getOperator() == OO_Star || OC->getOperator() == OO_Arrow) &&
        OC->getNumArgs() == 1) {
      auto P = objName(OC->getArg(0), Depth + 1);
      if (P)
        P->Suffix += ".*";
      return P;
    }
    return std::nullopt;
  }
  if (const auto *TE = dyn_cast<CXXThisExpr>(E))
    return thisPath(TE->getType()->getPointeeCXXRecordDecl());
  return std::nullopt;
}

std::optional<LockPath> DataNamer::ptrTarget(const Expr *E, unsigned Depth) {
  if (!E || Depth > 16)
    return std::nullopt;
  // Casts: (S *)arg, static_cast, implicit; array decay names the array.
  while (true) {
    E = E->IgnoreParens();
    if (const auto *CE = dyn_cast<CastExpr>(E)) {
      if (CE->getCastKind() == CK_ArrayToPointerDecay)
        return objName(CE->getSubExpr(), Depth + 1);
      E = CE->getSubExpr();
      continue;
    }
    if (const auto *EW = dyn_cast<ExprWithCleanups>(E)) {
      E = EW->getSubExpr();
      continue;
    }
    break;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    if (UO->getOpcode() == UO_AddrOf)
      return objName(UO->getSubExpr(), Depth + 1);
    return std::nullopt;
  }
  if (const auto *TE = dyn_cast<CXXThisExpr>(E))
    return thisPath(TE->getType()->getPointeeCXXRecordDecl());
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->getOpcode() == BO_Add || BO->getOpcode() == BO_Sub) {
      const Expr *Ptr = BO->getLHS()->getType()->isPointerType()
                            ? BO->getLHS()
                            : BO->getRHS();
      auto P = ptrTarget(Ptr, Depth + 1);
      if (P) {
        const Expr *Other = Ptr == BO->getLHS() ? BO->getRHS() : BO->getLHS();
        index(*P, Other);
      }
      return P;
    }
    return std::nullopt;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
    if (!V)
      return std::nullopt;
    // A local pointer set at its declaration points where its initializer
    // points (S *s = (S *)arg;).
    if (!isa<ParmVarDecl>(V) && V->isLocalVarDecl() && V->getInit() &&
        V->getType()->isPointerType())
      if (auto P = ptrTarget(V->getInit(), Depth + 1))
        return P;
  }
  if (!E->getType()->isPointerType() && !E->getType()->isArrayType())
    return std::nullopt;
  auto P = objName(E, Depth + 1);
  if (P)
    P->Suffix += ".*";
  return P;
}

// ---- RaceCollector: collection -----------------------------------------------

RaceCollector::RaceCollector(ASTContext &Ctx, const ApiModel &Model,
                             ProgramFacts &Facts, std::string SkipDir)
    : Ctx(Ctx), SM(Ctx.getSourceManager()), Model(Model), Facts(Facts),
      SkipDir(std::move(SkipDir)) {}

report::Location RaceCollector::loc(SourceLocation L) const {
  if (L.isInvalid())
    return {};
  PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(L));
  if (P.isInvalid())
    return {};
  return {P.getFilename(), P.getLine(), P.getColumn()};
}

bool RaceCollector::analyzable(const FunctionDecl *FD) const {
  return analyzableFunction(FD, SM, SkipDir);
}


BindingSet RaceCollector::bindCall(const FunctionDecl *Callee,
                                   llvm::ArrayRef<const Expr *> Args,
                                   const Expr *Object, bool ObjectIsPointer,
                                   bool CopiesArgs, DataNamer &N,
                                   const FunctionDecl *FD) {
  BindingSet B;
  for (unsigned I = 0; I < Callee->getNumParams(); ++I) {
    DataBinding D;
    std::optional<LockPath> L;
    if (I < Args.size() && !isa<CXXDefaultArgExpr>(Args[I])) {
      bool WasRef = false;
      const Expr *A = unwrapStdRef(Args[I], &WasRef);
      QualType T = Callee->getParamDecl(I)->getType();
      if (T->isReferenceType() && (!CopiesArgs || WasRef)) {
        if (auto P = N.objName(A))
          D = {DataBinding::Object, *P};
      } else if (T->isPointerType()) {
        if (auto P = N.ptrTarget(A))
          D = {DataBinding::Pointee, *P};
      }
      L = describeLock(A, FD, Model, Ctx);
    }
    B.Params.push_back(D);
    B.LockParams.push_back(L);
  }
  if (Object) {
    auto P = ObjectIsPointer ? N.ptrTarget(Object) : N.objName(Object);
    if (P)
      B.This = {DataBinding::Object, *P};
    B.ThisLock = describeLock(Object, FD, Model, Ctx);
  }
  return B;
}

namespace {

bool jumpsOut(const Stmt *S) {
  if (!S)
    return false;
  if (isa<ReturnStmt, BreakStmt, ContinueStmt, GotoStmt, CXXThrowExpr>(S))
    return true;
  if (const auto *CS = dyn_cast<CompoundStmt>(S))
    return !CS->body_empty() && jumpsOut(CS->body_back());
  return false;
}

void subtree(const Stmt *S, std::set<const Stmt *> &Out) {
  if (!S)
    return;
  Out.insert(S);
  for (const Stmt *C : S->children())
    subtree(C, Out);
}

class FunctionWalker : public RecursiveASTVisitor<FunctionWalker> {
public:
  FunctionWalker(RaceCollector &RC, RaceCollector::FnInfo &F)
      : RC(RC), F(F), Id(functionId(F.FD)),
        N(F.FD, RC.Ctx, &PerThread) {
    // Per-thread values: integral parameters (a thread's id) and locals
    // computed from them or from what a pointer parameter points to
    // (`int id = *(int *)arg;`). An index that reads a shared struct's
    // field directly (`q->items[q->tail]`) is not one.
    for (const ParmVarDecl *P : F.FD->parameters()) {
      QualType T = P->getType().getNonReferenceType();
      if (T->isIntegralOrEnumerationType())
        PerThread.insert(P);
      else if (T->isPointerType() || P->getType()->isReferenceType())
        PtrParams.insert(P);
    }
    if (const auto *MD = dyn_cast<CXXMethodDecl>(F.FD);
        MD && MD->getParent()->isLambda()) {
      llvm::DenseMap<const ValueDecl *, FieldDecl *> Fields;
      FieldDecl *ThisField = nullptr;
      MD->getParent()->getCaptureFields(Fields, ThisField);
      for (auto &[V, Fld] : Fields)
        if (const auto *VD = dyn_cast<VarDecl>(V)) {
          if (Fld->getType()->isReferenceType())
            ByRef.insert(VD);
          else if (VD->getType()->isIntegralOrEnumerationType())
            PerThread.insert(VD); // a copy: this lambda's own
        }
    }
  }

  bool TraverseLambdaExpr(LambdaExpr *L) {
    // The body is its own function; the captures tell what escapes.
    for (const LambdaCapture &C : L->captures())
      if (C.capturesVariable() && C.getCaptureKind() == LCK_ByRef)
        if (const auto *V = dyn_cast<VarDecl>(C.getCapturedVar()))
          Escaped.insert(V);
    for (Expr *Init : L->capture_inits())
      if (Init)
        TraverseStmt(Init);
    return true;
  }
  bool VisitVarDecl(VarDecl *V) {
    if (V->getInit())
      RC.InitVar[stripExpr(V->getInit())] = V;
    if (V->isLocalVarDecl() && V->getInit() &&
        V->getType()->isIntegralOrEnumerationType() &&
        (mentions(V->getInit(), PerThread) ||
         mentions(V->getInit(), PtrParams)))
      PerThread.insert(V);
    if (V->getType()->isReferenceType() && V->getInit() &&
        !V->getType().getNonReferenceType().isConstQualified())
      markEscape(V->getInit());
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->getOpcode() == UO_AddrOf)
      markEscape(U->getSubExpr());
    if (U->isIncrementDecrementOp())
      access(U, U->getSubExpr(), true);
    return true;
  }
  bool VisitImplicitCastExpr(ImplicitCastExpr *IC) {
    if (IC->getCastKind() == CK_ArrayToPointerDecay)
      markEscape(IC->getSubExpr());
    if (IC->getCastKind() == CK_LValueToRValue)
      access(IC, IC->getSubExpr(), false);
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->isAssignmentOp())
      access(BO, BO->getLHS(), true);
    return true;
  }
  bool VisitCompoundStmt(CompoundStmt *CS) {
    // `if (check) return; ... act;`: the act follows the if.
    for (auto I = CS->body_begin(), E = CS->body_end(); I != E; ++I) {
      const auto *If = dyn_cast<IfStmt>(*I);
      if (!If || If->getElse() || !jumpsOut(If->getThen()))
        continue;
      std::vector<const Stmt *> Rest(I + 1, E);
      Checks.push_back({If->getCond(), Rest});
    }
    return true;
  }
  bool VisitIfStmt(IfStmt *If) {
    Checks.push_back({If->getCond(), {If->getThen()}});
    return true;
  }
  bool VisitWhileStmt(WhileStmt *W) {
    Checks.push_back({W->getCond(), {W->getBody()}});
    return true;
  }
  bool VisitCallExpr(CallExpr *CE);
  bool VisitCXXConstructExpr(CXXConstructExpr *CE) {
    const CXXConstructorDecl *C = CE->getConstructor();
    if (C->isCopyOrMoveConstructor() && CE->getNumArgs() >= 1 &&
        RC.Model.sharedContainer(CE->getArg(0)->getType()))
      access(CE, CE->getArg(0), C->isMoveConstructor());
    for (const Expr *A : mutableRefArgs(CE))
      markEscape(A);
    RC.threadEvents(F, CE, N);
    return true;
  }

  void finish();

private:
  void markEscape(const Expr *E) {
    bool WasRef = false;
    E = unwrapStdRef(E, &WasRef);
    while (true) {
      E = E->IgnoreParenImpCasts();
      if (const auto *ME = dyn_cast<MemberExpr>(E); ME && !ME->isArrow())
        E = ME->getBase();
      else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
        E = AS->getBase();
      else
        break;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
        Escaped.insert(V);
  }
  bool skipType(QualType T) const {
    T = T.getNonReferenceType();
    if (T->isAtomicType())
      return true;
    if (T->isRecordType())
      return !RC.Model.sharedContainer(T);
    return T->isFunctionType();
  }
  const VarDecl *rootVar(const Expr *E) const {
    for (unsigned I = 0; I < 32 && E; ++I) {
      E = E->IgnoreParenImpCasts();
      if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
        return dyn_cast<VarDecl>(DRE->getDecl());
      if (const auto *ME = dyn_cast<MemberExpr>(E))
        E = ME->getBase();
      else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
        E = AS->getBase();
      else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E);
               OC && OC->getNumArgs() >= 1)
        E = OC->getArg(0);
      else
        return nullptr;
    }
    return nullptr;
  }
  void sync(SourceLocation L, SyncKind K) {
    unsigned Off = RC.SM.getFileOffset(RC.SM.getExpansionLoc(L));
    if (K != SyncKind::SyncRelease)
      AcqPos.push_back(Off);
    if (K != SyncKind::SyncAcquire)
      RelPos.push_back(Off);
  }
  void access(const Stmt *Op, const Expr *LV, bool Write) {
    if (LV->getType()->isAtomicType()) {
      // C11 _Atomic: a plain read is a (seq_cst) load, an assignment a
      // store; ++ is a counter.
      if (!isa<UnaryOperator>(Op))
        sync(LV->getExprLoc(),
             Write ? SyncKind::SyncRelease : SyncKind::SyncAcquire);
      return;
    }
    if (skipType(LV->getType()))
      return;
    auto P = N.objName(LV);
    if (!P)
      return;
    if (P->Root == RootKind::Local) {
      const VarDecl *V = rootVar(LV);
      if (P->Owner == Id) {
        Pending.push_back({Op, *P, Write, LV->getExprLoc(), V});
        return;
      }
      if (!V || !ByRef.count(V))
        return; // a lambda's copy
    }
    F.Accesses.push_back({Op, *P, Write, LV->getExprLoc()});
  }

  struct PendingLocal {
    const Stmt *Op;
    LockPath Where;
    bool Write;
    SourceLocation Loc;
    const VarDecl *V;
  };
  struct CheckRegion {
    const Expr *Cond;
    std::vector<const Stmt *> Then;
  };

  RaceCollector &RC;
  RaceCollector::FnInfo &F;
  std::string Id;
  std::set<const VarDecl *> PerThread, PtrParams, ByRef, Escaped;
  DataNamer N;
  std::vector<PendingLocal> Pending;
  std::vector<CheckRegion> Checks;
  std::vector<std::pair<const CallExpr *, QueueOp>> QueueOps;
  std::vector<unsigned> AcqPos, RelPos;
  std::vector<const CallExpr *> CondWaits;
};

bool FunctionWalker::VisitCallExpr(CallExpr *CE) {
  const FunctionDecl *Callee = CE->getDirectCallee();
  if (!Callee)
    return true;
  // Arguments bound to non-const references escape.
  for (const Expr *A : mutableRefArgs(CE))
    markEscape(A);
  if (auto K = RC.Model.syncCall(CE))
    sync(CE->getExprLoc(), *K);
  if (auto W = RC.Model.condWait(CE)) {
    unsigned Explicit = 0;
    for (const Expr *A : CE->arguments())
      if (!isa<CXXDefaultArgExpr>(A))
        ++Explicit;
    if (Explicit <= W->MaxArgs)
      CondWaits.push_back(CE);
    return true;
  }
  if (auto Q = RC.Model.queueCall(CE)) {
    QueueOps.push_back({CE, *Q});
    RC.Wanted.insert(CE);
    return true;
  }
  if (RC.Model.lockCall(CE) || RC.Model.guardCall(CE))
    return true;
  if (RC.Model.threadCall(CE)) {
    RC.threadEvents(F, CE, N);
    return true;
  }
  if (const auto *FT = Callee->getTemplateSpecializationArgs();
      FT && (Callee->getQualifiedNameAsString() == "std::make_unique" ||
             Callee->getQualifiedNameAsString() == "std::make_shared")) {
    RC.threadEvents(F, CE, N);
    return true;
  }
  const Expr *Object = nullptr;
  bool Ptr = false;
  std::vector<const Expr *> Args(CE->arg_begin(), CE->arg_end());
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE)) {
    Object = MC->getImplicitObjectArgument();
    Ptr = Object && Object->getType()->isPointerType();
    // std::vector<std::thread>::emplace_back(f, args...) starts a thread.
    if (Object && RC.Model.sharedContainer(Object->getType().getNonReferenceType()->isPointerType() ? Object->getType()->getPointeeType() : Object->getType())) {
      if (Callee->getName().starts_with("emplace")) {
        size_t Before = RC.Actors.size();
        RC.threadEvents(F, CE, N);
        if (RC.Actors.size() != Before)
          return true;
      }
      const auto *MD = cast<CXXMethodDecl>(Callee);
      static const std::set<std::string> Reads = {
          "begin", "end", "rbegin", "rend", "cbegin", "cend", "size",
          "empty", "at", "front", "back", "data", "find", "count",
          "contains", "lower_bound", "upper_bound", "equal_range",
          "capacity", "length", "c_str", "substr", "compare", "max_size",
          "top"};
      bool Write = !MD->isConst() && !(MD->getDeclName().isIdentifier() &&
                                       Reads.count(MD->getName().str()));
      if (!skipType(Ptr ? Object->getType()->getPointeeType()
                        : Object->getType()))
        if (auto P = Ptr ? N.ptrTarget(Object) : N.objName(Object)) {
          if (P->Root == RootKind::Local && P->Owner == Id)
            Pending.push_back({CE, *P, Write, CE->getExprLoc(),
                               rootVar(Object)});
          else if (P->Root != RootKind::Local ||
                   ByRef.count(rootVar(Object)))
            F.Accesses.push_back({CE, *P, Write, CE->getExprLoc()});
        }
      return true;
    }
  } else if (isa<CXXOperatorCallExpr>(CE) && isa<CXXMethodDecl>(Callee) &&
             !Args.empty()) {
    Object = Args.front();
    Args.erase(Args.begin());
    QualType OT = Object->getType();
    if (RC.Model.sharedContainer(OT)) {
      auto Op = cast<CXXOperatorCallExpr>(CE)->getOperator();
      bool Assign = Op == OO_Equal || Op == OO_PlusEqual;
      // map[k] inserts: a write of the map itself.
      std::string T = ApiModel::typeName(OT);
      bool Insert = Op == OO_Subscript &&
                    (T == "std::map" || T == "std::unordered_map");
      if (Assign || Insert)
        access(CE, Object, true);
      return true;
    }
  }
  if (!isUserCode(Callee->getLocation(), RC.SM, RC.SkipDir)) // body may be in another TU
    return true;
  const FunctionDecl *Def = Callee;
  Callee->hasBody(Def);
  if (!Def)
    Def = Callee;
  RaceCollector::Call C{CE, Def,
                        RC.bindCall(Def, Args, Object, Ptr, false, N, F.FD),
                        CE->getExprLoc()};
  F.Calls.push_back(std::move(C));
  return true;
}

void FunctionWalker::finish() {
  for (PendingLocal &P : Pending)
    if (P.V && Escaped.count(P.V))
      F.Accesses.push_back({P.Op, P.Where, P.Write, P.Loc});
  // Hand-offs around each access and call (source order in the function).
  auto Flags = [&](SourceLocation L, bool &Before, bool &After) {
    unsigned Off = RC.SM.getFileOffset(RC.SM.getExpansionLoc(L));
    for (unsigned P : AcqPos)
      Before |= P < Off;
    for (unsigned P : RelPos)
      After |= P > Off;
  };
  for (RaceCollector::Access &A : F.Accesses)
    Flags(A.Loc, A.SyncBefore, A.SyncAfter);
  for (RaceCollector::Call &C : F.Calls)
    Flags(C.Loc, C.SyncBefore, C.SyncAfter);
  // (One set of every condition's statements: a chain of thousands of
  // else-if arms is thousands of conditions.)
  std::set<const Stmt *> AnyCond;
  for (const CheckRegion &R : Checks)
    subtree(R.Cond, AnyCond);
  for (RaceCollector::Access &A : F.Accesses)
    A.InCondition |= AnyCond.count(A.Op) != 0;
  for (const RaceCollector::Access &A : F.Accesses)
    RC.Wanted.insert(A.Op);
  for (const RaceCollector::Call &C : F.Calls)
    RC.Wanted.insert(C.Op);

  // Condition waits outside a loop; calls inside one (a wait wrapper whose
  // every caller loops is fine).
  if (!CondWaits.empty() || !F.Calls.empty()) {
    ParentMap PM(F.FD->getBody());
    // Memoized up the parent chain: else-if chains are thousands deep.
    std::map<const Stmt *, bool> Known;
    auto InLoop = [&](const Stmt *Of) {
      std::vector<const Stmt *> Path;
      bool R = false;
      for (const Stmt *S = PM.getParent(Of); S; S = PM.getParent(S)) {
        if (auto It = Known.find(S); It != Known.end()) {
          R = It->second;
          break;
        }
        if (isa<WhileStmt, DoStmt, ForStmt, CXXForRangeStmt>(S)) {
          R = true;
          break;
        }
        Path.push_back(S);
      }
      for (const Stmt *S : Path)
        Known[S] = R;
      return R;
    };
    for (RaceCollector::Call &C : F.Calls)
      C.InLoop = InLoop(C.Op);
    for (const CallExpr *CE : CondWaits) {
      if (InLoop(CE))
        continue;
      std::string Name = CE->getDirectCallee()->getNameAsString();
      if (isa<CXXMemberCallExpr>(CE))
        Name = "." + Name + "()";
      else
        Name += "()";
      RC.Facts.CondWaits.push_back(
          {RC.loc(CE->getExprLoc()), Name, functionId(F.FD)});
    }
  }

  // Check-then-act: a check in a condition, an act in what it guards.
  std::map<const Stmt *, std::vector<const RaceCollector::Access *>> ByOp;
  for (const RaceCollector::Access &A : F.Accesses)
    ByOp[A.Op].push_back(&A);
  auto AccessesIn = [&](const std::set<const Stmt *> &Stmts) {
    std::vector<const RaceCollector::Access *> R;
    for (const Stmt *S : Stmts)
      if (auto It = ByOp.find(S); It != ByOp.end())
        R.insert(R.end(), It->second.begin(), It->second.end());
    return R;
  };
  for (const CheckRegion &R : Checks) {
    std::set<const Stmt *> InCond, InThen;
    subtree(R.Cond, InCond);
    for (const Stmt *S : R.Then)
      subtree(S, InThen);
    for (auto &[Check, CK] : QueueOps) {
      if (CK == QueueOp::QueueGet || CK == QueueOp::QueuePut ||
          !InCond.count(Check))
        continue;
      auto QN = N.objName(
          cast<CXXMemberCallExpr>(Check)->getImplicitObjectArgument());
      if (!QN)
        continue;
      for (auto &[Act, AK] : QueueOps) {
        if ((AK != QueueOp::QueueGet && AK != QueueOp::QueuePut) ||
            !InThen.count(Act))
          continue;
        auto AN = N.objName(
            cast<CXXMemberCallExpr>(Act)->getImplicitObjectArgument());
        if (!AN || AN->key() != QN->key())
          continue;
        RC.QueueChecks.push_back(
            {Check, Act, QN->display(),
             Check->getDirectCallee()->getNameAsString(),
             Act->getDirectCallee()->getNameAsString(),
             AK == QueueOp::QueueGet});
        break;
      }
    }
    std::vector<const RaceCollector::Access *> Writes = AccessesIn(InThen);
    std::vector<const RaceCollector::Access *> Reads = AccessesIn(InCond);
    // In source order, as the accesses were collected.
    auto Order = [&](const RaceCollector::Access *A,
                     const RaceCollector::Access *B) { return A < B; };
    std::sort(Writes.begin(), Writes.end(), Order);
    std::sort(Reads.begin(), Reads.end(), Order);
    for (const RaceCollector::Access *A : Reads) {
      if (A->Write || A->Where.Root == RootKind::Local)
        continue;
      for (const RaceCollector::Access *W : Writes)
        if (W->Write && W->Where.key() == A->Where.key()) {
          RC.ValueChecks.push_back({A->Op, W->Op, A->Where.display()});
          break;
        }
    }
  }
}

} // namespace

void RaceCollector::collect(const std::vector<const FunctionDecl *> &Functions) {
  for (const FunctionDecl *FD : Functions) {
    Fns.emplace_back();
    Fns.back().FD = FD;
  }
  for (FnInfo &F : Fns) {
    FunctionWalker W(*this, F);
    W.TraverseStmt(const_cast<Stmt *>(F.FD->getBody()));
    W.finish();
  }
  for (const QueueCheck &Q : QueueChecks) {
    Wanted.insert(Q.Check);
    Wanted.insert(Q.Act);
  }
}

void RaceCollector::held(
    const Stmt *S, const std::vector<std::pair<LockKey, unsigned>> &Held) {
  auto [It, New] = HeldAt.try_emplace(S, Held);
  if (New)
    return;
  std::vector<std::pair<LockKey, unsigned>> Out;
  for (auto [L, Site] : It->second)
    for (auto [L2, Site2] : Held)
      if (L == L2) {
        Out.emplace_back(L, Site == Site2 ? Site : 0);
        break;
      }
  It->second = std::move(Out);
}

} // namespace weft::analyzer
