//===- analyzer/Lockset.cpp - the lockset analysis of a translation unit --===//
//
// Takes the user functions of a translation unit (UserCode.h: also
// lambdas' call operators and template instantiations; RecursiveMutexFinder
// marks pthread mutexes made recursive by attributes or initializer) and
// analyzes each once, callee first: a call asks summaryFor() its callee, which runs the
// callee's FunctionAnalyzer on demand (a recursive cycle sees no summary).
// The FunctionAnalyzer's parts: see LocksetAnalyzer.h.
//===----------------------------------------------------------------------===//
#include "analyzer/Lockset.h"
#include "analyzer/ApiModel.h"
#include "analyzer/LocksetAnalyzer.h"
#include "analyzer/UserCode.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"

namespace weft::analyzer {

using namespace clang;
using report::Related;

namespace lockset {

namespace {

/// pthread mutexes made recursive: initialised with attributes (which may
/// say PTHREAD_MUTEX_RECURSIVE; unknown here) or with a recursive static
/// initializer.
class RecursiveMutexFinder : public UserCodeVisitor<RecursiveMutexFinder> {
public:
  RecursiveMutexFinder(TUAnalyzer &TU, llvm::StringRef SkipDir)
      : UserCodeVisitor(TU.SM, SkipDir), TU(TU) {}
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
};

} // namespace

uint32_t TUAnalyzer::internVia(const std::vector<Related> &V) {
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

bool TUAnalyzer::analyzable(const FunctionDecl *FD) const {
  return analyzableFunction(FD, SM, SkipDir);
}

std::string SummaryBank::signature(const Summary *S) {
  if (!S)
    return "";
  std::string R;
  for (const Summary::Acquire &A : S->MayAcquire)
    R += "a" + std::to_string(A.Lock) + (A.Fresh ? "f" : "") + ",";
  for (const Summary::Held &H : S->HeldOnReturn)
    R += "h" + std::to_string(H.Lock) + (H.FromTry ? "t" : "") + ",";
  for (LockKey L : S->Releases)
    R += "r" + std::to_string(L) + ",";
  for (LockKey L : S->Requires)
    R += "q" + std::to_string(L) + ",";
  for (const OrderEdge &E : S->ParamEdges)
    R += "e" + std::to_string(E.From) + ">" + std::to_string(E.To) + ",";
  if (S->ReturnsLock)
    R += "R" + std::to_string(*S->ReturnsLock) + (S->ReturnsTry ? "t" : "");
  return R;
}

const Summary *TUAnalyzer::summaryFor(const FunctionDecl *Callee) {
  const FunctionDecl *Def = nullptr;
  if (!Callee->hasBody(Def)) {
    // Defined in another unit of the run (or nowhere we see).
    if (!Link || !Link->Bank || !Callee->isExternallyVisible() ||
        !isUserCode(Callee->getLocation(), SM, SkipDir))
      return nullptr;
    std::string Id = functionId(Callee);
    auto It = Link->Bank->ById.find(Id);
    const Summary *S = It == Link->Bank->ById.end() ? nullptr : &It->second;
    Link->Seen[Id] = SummaryBank::signature(S);
    return S;
  }
  if (!analyzable(Def))
    return nullptr;
  return compute(Def, Summaries[{Def, {}}], nullptr);
}

const Summary *TUAnalyzer::compute(const FunctionDecl *Def, Summary &S,
                                   const ConstArgs *Consts) {
  if (S.Ready)
    return &S;
  if (S.InProgress || Depth >= MaxCallDepth)
    return nullptr;
  S.InProgress = true;
  ++Depth;
  FunctionAnalyzer(*this, Def, S, Consts).run();
  --Depth;
  S.InProgress = false;
  S.Ready = true;
  return &S;
}

void TUAnalyzer::run(const std::vector<const FunctionDecl *> *Given) {
  Functions = Given ? *Given : userFunctions(Ctx, SkipDir);
  RecursiveMutexFinder(*this, SkipDir)
      .TraverseDecl(Ctx.getTranslationUnitDecl());
  for (const FunctionDecl *FD : Functions)
    summaryFor(FD);
  if (!Link || !Link->Bank)
    return;
  for (const FunctionDecl *FD : Functions)
    if (FD->isExternallyVisible() && FD->hasBody())
      specialiseForOtherUnits(FD);
  for (auto &[Key, S] : Summaries) {
    const auto &[FD, C] = Key;
    if (!S.Ready || !FD->isExternallyVisible())
      continue;
    std::string Id = functionId(FD);
    Link->Bank->ById[C.empty() ? Id : SummaryBank::specKey(Id, C)] = S;
  }
}

} // namespace lockset

void analyzeTranslationUnit(ASTContext &Ctx, const ApiModel &Model,
                            ProgramFacts &Facts, const std::string &SkipDir,
                            LocksetObserver *Observer,
                            const std::vector<const FunctionDecl *> *Functions,
                            UnitLink *Link) {
  std::string Dir = SkipDir;
  if (!Dir.empty() && Dir.back() != '/')
    Dir += '/';
  lockset::TUAnalyzer(Ctx, Model, Facts, Dir, Observer, Link).run(Functions);
}

} // namespace weft::analyzer
