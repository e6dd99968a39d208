//===- analyzer/UserCode.cpp - which code of a translation unit is analyzed ===//
//
// See UserCode.h.
//===----------------------------------------------------------------------===//
#include "analyzer/UserCode.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

#include <set>

namespace weft::analyzer {

using namespace clang;

bool isUserCode(SourceLocation L, const SourceManager &SM,
                llvm::StringRef SkipDir) {
  L = SM.getExpansionLoc(L);
  if (L.isInvalid() || SM.isInSystemHeader(L))
    return false;
  return SkipDir.empty() || !SM.getFilename(L).starts_with(SkipDir);
}

bool analyzableFunction(const FunctionDecl *FD, const SourceManager &SM,
                        llvm::StringRef SkipDir) {
  if (!FD || !FD->doesThisDeclarationHaveABody() || FD->isDependentContext() ||
      FD->isDefaulted() || FD->isDeleted() ||
      (FD->isImplicit() && !isa<CXXMethodDecl>(FD)))
    return false;
  return isUserCode(FD->getLocation(), SM, SkipDir);
}

namespace {
class FunctionFinder : public UserCodeVisitor<FunctionFinder> {
public:
  FunctionFinder(const SourceManager &SM, llvm::StringRef SkipDir,
                 std::vector<const FunctionDecl *> &Out)
      : UserCodeVisitor(SM, SkipDir), Out(Out) {}
  bool VisitFunctionDecl(FunctionDecl *FD) {
    add(FD);
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *L) {
    add(L->getCallOperator());
    return true;
  }

private:
  void add(const FunctionDecl *FD) {
    if (analyzableFunction(FD, SM, SkipDir) && Seen.insert(FD).second)
      Out.push_back(FD);
  }
  std::vector<const FunctionDecl *> &Out;
  std::set<const FunctionDecl *> Seen;
};
} // namespace

std::vector<const FunctionDecl *> userFunctions(ASTContext &Ctx,
                                                llvm::StringRef SkipDir) {
  std::vector<const FunctionDecl *> Out;
  FunctionFinder(Ctx.getSourceManager(), SkipDir, Out)
      .TraverseDecl(Ctx.getTranslationUnitDecl());
  return Out;
}

} // namespace weft::analyzer
