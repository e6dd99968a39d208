//===- analyzer/Exprs.h - small expression helpers shared by the analyses --===//
//
// Looking through the syntax that does not change what an expression
// denotes: parentheses, implicit casts, functional casts, std::ref/cref
// (and std::move where the caller asks), integer constants. Used by the
// lockset analysis (Lockset*.cpp), the data accesses (Races.cpp) and the
// thread starts (Threads.cpp), so that all three see the same expression.
//===----------------------------------------------------------------------===//
#ifndef WEFT_ANALYZER_EXPRS_H
#define WEFT_ANALYZER_EXPRS_H

#include <cstdint>
#include <optional>
#include <vector>

namespace clang {
class ASTContext;
class CallExpr;
class CXXConstructExpr;
class Expr;
} // namespace clang

namespace weft::analyzer {

/// \p E without parentheses, implicit nodes and functional casts.
const clang::Expr *stripExpr(const clang::Expr *E);

/// std::ref(x) / std::cref(x) -> x (stripped); sets \p WasRef when it
/// unwrapped one. With \p AlsoMove, std::move(x) -> x too (not a reference:
/// \p WasRef stays unset).
const clang::Expr *unwrapStdRef(const clang::Expr *E, bool *WasRef = nullptr,
                                bool AlsoMove = false);

/// The value of an integer constant expression (nullptr/NULL: 0).
std::optional<int64_t> intConstant(const clang::Expr *E,
                                   const clang::ASTContext &Ctx);

/// The arguments of a call or construction bound to a non-const reference
/// parameter: what the callee may change (a local they name escapes).
std::vector<const clang::Expr *> mutableRefArgs(const clang::CallExpr *CE);
std::vector<const clang::Expr *>
mutableRefArgs(const clang::CXXConstructExpr *CE);

} // namespace weft::analyzer

#endif
