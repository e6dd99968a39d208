//===- analyzer/LocksetConsts.cpp - summaries specialised by constants -----===//
//
// A function whose constant argument chooses what it does to locks
// (memcached's `pause_threads(PAUSE_ALL_THREADS)` takes the locks and
// returns holding them, `pause_threads(RESUME_ALL_THREADS)` gives them
// back) has one merged summary that says neither. So a call whose
// arguments include integer / enum constants for parameters the callee
// *branches on* gets a summary of the callee analyzed with those
// parameters known: a switch on one takes only its matching case, an
// if / loop condition that evaluates to a constant takes only its edge.
//
// Bounded: only integral, enum and bool parameters that the body tests
// (switch, if, while, for, do, ?:; alone, negated, compared with a
// constant, under && / ||) and never writes (assigned, incremented,
// address taken, bound to a non-const reference); at most
// MaxSpecialisations summaries per function. A specialised analysis
// builds the summary only (no facts: the general analysis of the body
// has them all). Across units (a callee with no body in the caller's
// unit) the defining unit leaves, for each function with external
// linkage, summaries for every value of its tested enum / bool
// parameters (SummaryBank::Branching says which parameters) and the
// caller picks the one its constants name.
//===----------------------------------------------------------------------===//
#include "analyzer/ApiModel.h"
#include "analyzer/Exprs.h"
#include "analyzer/LocksetAnalyzer.h"
#include "analyzer/UserCode.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace weft::analyzer::lockset {

using namespace clang;

namespace {

const ParmVarDecl *paramOf(const Expr *E) {
  if (const auto *DRE = dyn_cast<DeclRefExpr>(stripExpr(E)))
    return dyn_cast<ParmVarDecl>(DRE->getDecl());
  return nullptr;
}

/// The parameters a body tests, and those it writes.
class ParamTests : public RecursiveASTVisitor<ParamTests> {
public:
  explicit ParamTests(const ASTContext &Ctx) : Ctx(Ctx) {}
  std::set<const ParmVarDecl *> Tested, Written;

  bool VisitSwitchStmt(SwitchStmt *S) {
    test(S->getCond());
    return true;
  }
  bool VisitIfStmt(IfStmt *S) {
    test(S->getCond());
    return true;
  }
  bool VisitWhileStmt(WhileStmt *S) {
    test(S->getCond());
    return true;
  }
  bool VisitDoStmt(DoStmt *S) {
    test(S->getCond());
    return true;
  }
  bool VisitForStmt(ForStmt *S) {
    test(S->getCond());
    return true;
  }
  bool VisitConditionalOperator(ConditionalOperator *C) {
    test(C->getCond());
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->isAssignmentOp())
      write(BO->getLHS());
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->isIncrementDecrementOp() || U->getOpcode() == UO_AddrOf)
      write(U->getSubExpr());
    return true;
  }
  bool VisitCallExpr(CallExpr *CE) {
    for (const Expr *A : mutableRefArgs(CE))
      write(A);
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *CE) {
    for (const Expr *A : mutableRefArgs(CE))
      write(A);
    return true;
  }

private:
  void test(const Expr *E) {
    if (!E)
      return;
    E = stripExpr(E);
    if (const ParmVarDecl *P = paramOf(E)) {
      Tested.insert(P);
      return;
    }
    if (const auto *U = dyn_cast<UnaryOperator>(E);
        U && U->getOpcode() == UO_LNot)
      return test(U->getSubExpr());
    if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
      if (BO->isLogicalOp()) {
        test(BO->getLHS());
        test(BO->getRHS());
      } else if (BO->isComparisonOp()) {
        if (intConstant(BO->getRHS(), Ctx))
          test(BO->getLHS());
        else if (intConstant(BO->getLHS(), Ctx))
          test(BO->getRHS());
      }
    }
  }
  void write(const Expr *E) {
    if (const ParmVarDecl *P = paramOf(E))
      Written.insert(P);
  }
  const ASTContext &Ctx;
};

bool constantType(QualType T) {
  T = T.getCanonicalType();
  return !T.isVolatileQualified() && T->isIntegralOrEnumerationType();
}

/// Every value a parameter of this type can take, if few: the
/// enumerators of an enum, false / true.
std::optional<std::vector<int64_t>> allValues(QualType T) {
  T = T.getCanonicalType();
  if (T->isBooleanType())
    return std::vector<int64_t>{0, 1};
  const auto *ET = T->getAs<EnumType>();
  if (!ET || !ET->getDecl()->getDefinition())
    return std::nullopt;
  std::set<int64_t> Vals;
  for (const EnumConstantDecl *C : ET->getDecl()->getDefinition()->enumerators())
    Vals.insert(C->getInitVal().getExtValue());
  if (Vals.empty() || Vals.size() > MaxSpecialisations)
    return std::nullopt;
  return std::vector<int64_t>(Vals.begin(), Vals.end());
}

} // namespace

std::string SummaryBank::specKey(const std::string &Id, const ConstArgs &C) {
  std::string K = Id + "|";
  for (auto [I, V] : C)
    K += std::to_string(I) + "=" + std::to_string(V) + ",";
  return K;
}

std::string SummaryBank::observe(const std::string &Key) const {
  if (!Key.empty() && Key[0] == '?') {
    auto It = Branching.find(Key.substr(1));
    std::string R;
    if (It != Branching.end())
      for (unsigned I : It->second)
        R += std::to_string(I) + ",";
    return R;
  }
  auto It = ById.find(Key);
  return signature(It == ById.end() ? nullptr : &It->second);
}

const std::vector<unsigned> &
TUAnalyzer::branchingParams(const FunctionDecl *Def) {
  auto [It, New] = Branching.try_emplace(Def);
  if (!New || !Def->hasBody())
    return It->second;
  ParamTests T(Ctx);
  T.TraverseStmt(Def->getBody());
  for (unsigned I = 0; I < Def->getNumParams(); ++I) {
    const ParmVarDecl *P = Def->getParamDecl(I);
    if (T.Tested.count(P) && !T.Written.count(P) && constantType(P->getType()))
      It->second.push_back(I);
  }
  return It->second;
}

ConstArgs constArgs(const CallExpr *CE, const FunctionDecl *Callee,
                    const ASTContext &Ctx) {
  ConstArgs R;
  // A member operator's object is its first argument, not a parameter.
  unsigned Shift = isa<CXXOperatorCallExpr>(CE) && isa<CXXMethodDecl>(Callee);
  for (unsigned I = Shift; I < CE->getNumArgs(); ++I) {
    if (I - Shift >= Callee->getNumParams() ||
        isa<CXXDefaultArgExpr>(CE->getArg(I)))
      break;
    if (auto V = intConstant(CE->getArg(I), Ctx))
      R.emplace_back(I - Shift, *V);
  }
  return R;
}

const Summary *TUAnalyzer::specialised(const FunctionDecl *Callee,
                                       const ConstArgs &Args) {
  auto Only = [&](const std::vector<unsigned> &Params) {
    ConstArgs C;
    for (auto [I, V] : Args)
      if (std::find(Params.begin(), Params.end(), I) != Params.end())
        C.emplace_back(I, V);
    return C;
  };
  const FunctionDecl *Def = nullptr;
  if (!Callee->hasBody(Def)) {
    if (!Link || !Link->Bank || !Callee->isExternallyVisible() ||
        !isUserCode(Callee->getLocation(), SM, SkipDir))
      return nullptr;
    std::string Id = functionId(Callee);
    SummaryBank &Bank = *Link->Bank;
    Link->Seen["?" + Id] = Bank.observe("?" + Id);
    auto B = Bank.Branching.find(Id);
    if (B == Bank.Branching.end())
      return nullptr;
    ConstArgs C = Only(B->second);
    if (C.empty())
      return nullptr;
    std::string Key = SummaryBank::specKey(Id, C);
    auto It = Bank.ById.find(Key);
    const Summary *S = It == Bank.ById.end() ? nullptr : &It->second;
    Link->Seen[Key] = SummaryBank::signature(S);
    return S;
  }
  if (!analyzable(Def))
    return nullptr;
  ConstArgs C = Only(branchingParams(Def));
  if (C.empty())
    return nullptr;
  auto It = Summaries.find({Def, C});
  if (It == Summaries.end()) {
    if (SpecCount[Def] >= MaxSpecialisations)
      return nullptr;
    ++SpecCount[Def];
    It = Summaries.try_emplace({Def, C}).first;
  }
  return compute(Def, It->second, &It->first.second);
}

void TUAnalyzer::specialiseForOtherUnits(const FunctionDecl *FD) {
  const std::vector<unsigned> &Params = branchingParams(FD);
  std::vector<unsigned> Used;
  std::vector<ConstArgs> Combos{{}};
  for (unsigned I : Params) {
    auto Vals = allValues(FD->getParamDecl(I)->getType());
    if (!Vals || Combos.size() * Vals->size() > MaxSpecialisations)
      continue;
    std::vector<ConstArgs> Next;
    for (const ConstArgs &C : Combos)
      for (int64_t V : *Vals) {
        Next.push_back(C);
        Next.back().emplace_back(I, V);
      }
    Combos = std::move(Next);
    Used.push_back(I);
  }
  if (Used.empty())
    return;
  Link->Bank->Branching[functionId(FD)] = Used;
  for (const ConstArgs &C : Combos)
    specialised(FD, C);
}

std::optional<int64_t> FunctionAnalyzer::evalConst(const Expr *E) const {
  if (ParamValue.empty() || !E)
    return std::nullopt;
  E = stripExpr(E);
  if (const ParmVarDecl *P = paramOf(E)) {
    auto It = ParamValue.find(P);
    if (It == ParamValue.end())
      return std::nullopt;
    return It->second;
  }
  if (auto V = intConstant(E, TU.Ctx))
    return V;
  if (const auto *U = dyn_cast<UnaryOperator>(E);
      U && U->getOpcode() == UO_LNot) {
    if (auto V = evalConst(U->getSubExpr()))
      return *V == 0;
    return std::nullopt;
  }
  const auto *BO = dyn_cast<BinaryOperator>(E);
  if (!BO)
    return std::nullopt;
  auto L = evalConst(BO->getLHS());
  if (BO->getOpcode() == BO_LAnd && L && *L == 0)
    return 0;
  if (BO->getOpcode() == BO_LOr && L && *L != 0)
    return 1;
  auto R = evalConst(BO->getRHS());
  if (!L || !R)
    return std::nullopt;
  switch (BO->getOpcode()) {
  case BO_EQ: return *L == *R;
  case BO_NE: return *L != *R;
  case BO_LT: return *L < *R;
  case BO_LE: return *L <= *R;
  case BO_GT: return *L > *R;
  case BO_GE: return *L >= *R;
  case BO_LAnd: return *L && *R;
  case BO_LOr: return *L || *R;
  default: return std::nullopt;
  }
}

void FunctionAnalyzer::bindConstants() {
  if (!Consts)
    return;
  for (auto [I, V] : *Consts)
    if (I < FD->getNumParams())
      ParamValue[FD->getParamDecl(I)] = V;
}

std::vector<bool> FunctionAnalyzer::switchTargets(const CFGBlock *B,
                                                  const Expr *Cond) const {
  std::vector<bool> Keep;
  auto V = evalConst(Cond);
  if (!V)
    return Keep;
  Keep.assign(B->succ_size(), false);
  bool Matched = false;
  unsigned Index = 0;
  for (auto I = B->succ_begin(), E = B->succ_end(); I != E; ++I, ++Index) {
    const CFGBlock *Succ = *I;
    const auto *CS = Succ ? dyn_cast_or_null<CaseStmt>(Succ->getLabel())
                          : nullptr;
    if (!CS)
      continue;
    auto Lo = intConstant(CS->getLHS(), TU.Ctx);
    auto Hi = CS->getRHS() ? intConstant(CS->getRHS(), TU.Ctx) : Lo;
    if (!Lo || !Hi)
      return {}; // cannot tell: every case
    if (*Lo <= *V && *V <= *Hi)
      Keep[Index] = Matched = true;
  }
  // No case matches: the last successor, the default or what follows.
  if (!Matched && !Keep.empty())
    Keep.back() = true;
  return Keep;
}

} // namespace weft::analyzer::lockset
