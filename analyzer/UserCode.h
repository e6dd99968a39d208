//===- analyzer/UserCode.h - which code of a translation unit is analyzed --===//
//
// User code is what is neither in a system header nor under weft's own
// headers (SkipDir, with a trailing '/'; weft's headers come in with
// -isystem anyway). Only user functions are analyzed, and the visitors that
// look for them do not descend into the rest: the standard library's
// declarations and template instantiations are most of a small program's
// AST, and walking them twice per file cost more than the analysis.
//===----------------------------------------------------------------------===//
#ifndef WEFT_ANALYZER_USERCODE_H
#define WEFT_ANALYZER_USERCODE_H

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringRef.h"

#include <vector>

namespace weft::analyzer {

/// \p L (expanded) is in user code.
bool isUserCode(clang::SourceLocation L, const clang::SourceManager &SM,
                llvm::StringRef SkipDir);

/// \p FD is a definition in user code with a body worth analyzing (not
/// dependent, defaulted, deleted, or implicit unless a method).
bool analyzableFunction(const clang::FunctionDecl *FD,
                        const clang::SourceManager &SM,
                        llvm::StringRef SkipDir);

/// A RecursiveASTVisitor (with template instantiations) that skips the
/// namespace-level declarations outside user code, with what they contain.
template <class Derived>
class UserCodeVisitor : public clang::RecursiveASTVisitor<Derived> {
  using Base = clang::RecursiveASTVisitor<Derived>;

public:
  UserCodeVisitor(const clang::SourceManager &SM, llvm::StringRef SkipDir)
      : SM(SM), SkipDir(SkipDir) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool TraverseDecl(clang::Decl *D) {
    if (D && !clang::isa<clang::TranslationUnitDecl>(D) &&
        D->getDeclContext() &&
        D->getDeclContext()->getRedeclContext()->isFileContext() &&
        !isUserCode(D->getLocation(), SM, SkipDir))
      return true;
    return Base::TraverseDecl(D);
  }

protected:
  const clang::SourceManager &SM;
  llvm::StringRef SkipDir;
};

/// The analyzable user functions of a translation unit, in AST order:
/// functions, methods, instantiations of user templates, lambdas' call
/// operators; each once.
std::vector<const clang::FunctionDecl *>
userFunctions(clang::ASTContext &Ctx, llvm::StringRef SkipDir);

} // namespace weft::analyzer

#endif
