//===- analyzer/Exprs.cpp - small expression helpers shared by the analyses ===//
//
// See Exprs.h.
//===----------------------------------------------------------------------===//
#include "analyzer/Exprs.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"

#include <string>

namespace weft::analyzer {

using namespace clang;

const Expr *stripExpr(const Expr *E) {
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

const Expr *unwrapStdRef(const Expr *E, bool *WasRef, bool AlsoMove) {
  E = stripExpr(E);
  if (const auto *CE = dyn_cast<CallExpr>(E))
    if (const FunctionDecl *F = CE->getDirectCallee())
      if (CE->getNumArgs() == 1) {
        std::string N = F->getQualifiedNameAsString();
        bool Ref = N == "std::ref" || N == "std::cref";
        if (Ref || (AlsoMove && N == "std::move")) {
          if (Ref && WasRef)
            *WasRef = true;
          return stripExpr(CE->getArg(0));
        }
      }
  return E;
}

std::optional<int64_t> intConstant(const Expr *E, const ASTContext &Ctx) {
  E = stripExpr(E);
  if (E->isValueDependent() || E->isTypeDependent())
    return std::nullopt;
  if (isa<CXXNullPtrLiteralExpr, GNUNullExpr>(E))
    return 0;
  if (auto V = E->getIntegerConstantExpr(Ctx))
    return V->getExtValue();
  return std::nullopt;
}

static bool isMutableRef(QualType T) {
  return T->isReferenceType() && !T.getNonReferenceType().isConstQualified();
}

std::vector<const Expr *> mutableRefArgs(const CallExpr *CE) {
  std::vector<const Expr *> Out;
  const FunctionDecl *F = CE->getDirectCallee();
  if (!F)
    return Out;
  // A member operator's object is its first argument, not a parameter.
  unsigned Shift = isa<CXXOperatorCallExpr>(CE) && isa<CXXMethodDecl>(F);
  for (unsigned I = Shift; I < CE->getNumArgs(); ++I)
    if (I - Shift < F->getNumParams() &&
        isMutableRef(F->getParamDecl(I - Shift)->getType()))
      Out.push_back(CE->getArg(I));
  return Out;
}

std::vector<const Expr *> mutableRefArgs(const CXXConstructExpr *CE) {
  std::vector<const Expr *> Out;
  const CXXConstructorDecl *C = CE->getConstructor();
  for (unsigned I = 0; I < CE->getNumArgs() && I < C->getNumParams(); ++I)
    if (isMutableRef(C->getParamDecl(I)->getType()))
      Out.push_back(CE->getArg(I));
  return Out;
}

} // namespace weft::analyzer
