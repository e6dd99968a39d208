//===- analyzer/LocksetFlow.cpp - the lockset fixed point over the CFG ----===//
//
// FunctionAnalyzer::run() builds the function's CFG (with implicit
// destructors, so RAII guards release where their scope ends) and iterates
// path states (LocksetState.h) to a fixed point: each block's elements go
// through transfer(), each two-way branch on a local flag, a try-lock
// result or a guard's owns_lock() prunes the successor that contradicts
// the path state. Local flags are tracked only when nothing else can
// change them (EscapeFinder). Why per-site observations and not findings:
// a site may be reached by several path states (and revisited), so
// must-held ("held on every path reaching the site") is only known at the
// end (LocksetFacts.cpp).
//===----------------------------------------------------------------------===//
#include "analyzer/LocksetAnalyzer.h"
#include "analyzer/ApiModel.h"
#include "analyzer/Exprs.h"
#include "analyzer/SafetyAttrs.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"

namespace weft::analyzer::lockset {

using namespace clang;
using report::Location;
using report::Related;

namespace {

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
    for (const Expr *A : mutableRefArgs(CE))
      mark(A);
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *CE) {
    for (const Expr *A : mutableRefArgs(CE))
      mark(A);
    return true;
  }
  bool VisitVarDecl(VarDecl *V) {
    if (V->getType()->isReferenceType() && V->getInit())
      mark(V->getInit());
    return true;
  }

private:
  void mark(const Expr *E) {
    if (const auto *DRE = dyn_cast<DeclRefExpr>(stripExpr(E)))
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
        Out.insert(V);
  }
  std::set<const VarDecl *> &Out;
};

/// Guard variables and their constructor expressions (library guards, and
/// scoped capabilities: a constructor with an ACQUIRE attribute).
class GuardFinder : public RecursiveASTVisitor<GuardFinder> {
public:
  GuardFinder(const ApiModel &M,
              std::map<const CXXConstructExpr *, const VarDecl *> &Out)
      : M(M), Out(Out) {}
  bool VisitVarDecl(VarDecl *V) {
    if (!V->hasLocalStorage())
      return true;
    if (!M.guardType(V->getType())) {
      const auto *CE = dyn_cast_or_null<CXXConstructExpr>(
          V->getInit() ? stripExpr(V->getInit()) : nullptr);
      if (CE && capabilityOf(CE->getConstructor()).Op == CapabilityOp::Acquire)
        Out[CE] = V;
      return true;
    }
    if (const auto *CE = dyn_cast_or_null<CXXConstructExpr>(
            V->getInit() ? stripExpr(V->getInit()) : nullptr))
      Out[CE] = V;
    return true;
  }

private:
  const ApiModel &M;
  std::map<const CXXConstructExpr *, const VarDecl *> &Out;
};

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
  const Expr *E = stripExpr(Cond);
  // The block that branches evaluated the last operand of && / || only.
  while (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (!BO->isLogicalOp() || BO == Term)
      break;
    E = stripExpr(BO->getRHS());
  }
  for (unsigned Guard = 0; Guard < 16; ++Guard) {
    E = stripExpr(E);
    if (const auto *U = dyn_cast<UnaryOperator>(E);
        U && U->getOpcode() == UO_LNot) {
      R.Polarity = !R.Polarity;
      E = U->getSubExpr();
      continue;
    }
    // `if ((l = f()))` tests what it assigned.
    if (const auto *BO = dyn_cast<BinaryOperator>(E);
        BO && BO->getOpcode() == BO_Assign) {
      E = BO->getLHS();
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
              dyn_cast<DeclRefExpr>(stripExpr(MC->getImplicitObjectArgument()))) {
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

} // namespace

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
  bindConstants();

  Seen.assign(Graph->getNumBlockIDs(), {});
  Wide.assign(Graph->getNumBlockIDs(), std::nullopt);
  State Entry;
  for (const Expr *E : heldOnEntry(FD))
    if (auto L = lockOf(E))
      holdOnEntry(Entry, *L);
  addState(&Graph->getEntry(), std::move(Entry));
  while (!Work.empty()) {
    auto [B, St] = std::move(Work.front());
    Work.pop_front();
    CurBlock = B->getBlockID();
    for (const CFGElement &E : *B)
      transfer(E, St);
    const Stmt *Term = B->getTerminatorStmt();
    const auto *Cond = dyn_cast_or_null<Expr>(B->getTerminatorCondition());
    bool TwoWay = Cond && B->succ_size() == 2 && Term &&
                  !isa<SwitchStmt>(Term);
    // A switch on a constant parameter (a specialised summary): its case.
    std::vector<bool> Cases;
    if (Cond && Term && isa<SwitchStmt>(Term))
      Cases = switchTargets(B, Cond);
    unsigned Index = 0;
    for (auto I = B->succ_begin(), E = B->succ_end(); I != E; ++I, ++Index) {
      const CFGBlock *Succ = *I;
      if (!Succ || (!Cases.empty() && !Cases[Index]))
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
    if (TU.Observer && !SummaryOnly && TU.Observer->wants(Stm)) {
      std::vector<std::pair<LockKey, unsigned>> H;
      for (const HeldLock &L : St.Held)
        H.emplace_back(L.Lock, L.Site ? L.Site : EntrySite);
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
    if (!isa<CXXConstructExpr>(stripExpr(V->getInit())))
      St.dropPending(V);
    const Expr *Init = stripExpr(V->getInit());
    if (St.pending(Init))
      St.rekeyPending(Init, V);
    else if (trackable(V))
      if (auto C = intConstant(Init, TU.Ctx))
        St.setKnown(V, *C != 0);
  }
}

void FunctionAnalyzer::onAssign(const Expr *LHS, const Expr *RHS, State &St) {
  const auto *DRE = dyn_cast<DeclRefExpr>(stripExpr(LHS));
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V)
    return;
  St.forget(V);
  St.dropPending(V);
  if (!RHS)
    return;
  RHS = stripExpr(RHS);
  if (St.pending(RHS))
    St.rekeyPending(RHS, V);
  else if (trackable(V))
    if (auto C = intConstant(RHS, TU.Ctx))
      St.setKnown(V, *C != 0);
}

bool FunctionAnalyzer::branch(State &St, const Expr *Cond, const Stmt *Term,
                              bool TrueEdge) {
  if (!ParamValue.empty()) {
    // The operand this block tests (of && / ||: the last one evaluated).
    const Expr *E = stripExpr(Cond);
    while (const auto *BO = dyn_cast<BinaryOperator>(E)) {
      if (!BO->isLogicalOp() || BO == Term)
        break;
      E = stripExpr(BO->getRHS());
    }
    if (auto V = evalConst(E))
      return (*V != 0) == TrueEdge;
  }
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

} // namespace weft::analyzer::lockset
