//===- analyzer/SafetyAttrs.h - Clang's thread-safety attributes as facts --===//
//
// Code annotated for Clang's -Wthread-safety says what its functions do to
// locks: ACQUIRE / EXCLUSIVE_LOCK_FUNCTION (returns holding it), RELEASE /
// UNLOCK_FUNCTION, TRY_ACQUIRE, REQUIRES / EXCLUSIVE_LOCKS_REQUIRED (entered
// holding it), ASSERT_CAPABILITY / ASSERT_EXCLUSIVE_LOCK (a run-time check
// that it is held), NO_THREAD_SAFETY_ANALYSIS. The lockset analysis takes
// these as facts: a call of an ACQUIRE function acquires the capability it
// names (in the caller's terms) instead of whatever its body does to an
// inner lock, a REQUIRES function starts holding its capabilities, and so
// on. An assertion method without the attribute is recognised by its name
// (AssertHeld, assertHeld, AssertLockHeld, assert_held).
//===----------------------------------------------------------------------===//
#ifndef WEFT_ANALYZER_SAFETYATTRS_H
#define WEFT_ANALYZER_SAFETYATTRS_H

#include <vector>

namespace clang {
class Expr;
class FunctionDecl;
} // namespace clang

namespace weft::analyzer {

enum class CapabilityOp { None, Acquire, TryAcquire, Release, Assert, Requires };

/// What a function's attributes say it does. Locks: the attribute's
/// arguments, in the function's own terms (`mu`, `this->mu_`, a
/// parameter); empty: the object the method is called on.
struct CapabilityDecl {
  CapabilityOp Op = CapabilityOp::None;
  std::vector<const clang::Expr *> Locks;
};

/// The lock operation \p FD declares (Acquire, TryAcquire, Release or
/// Assert before Requires; None without attributes).
CapabilityDecl capabilityOf(const clang::FunctionDecl *FD);

/// The capabilities \p FD is entered holding: REQUIRES, and what a RELEASE
/// with arguments releases (it must be held to be released).
std::vector<const clang::Expr *> heldOnEntry(const clang::FunctionDecl *FD);

/// ACQUIRE on \p FD: it returns holding a lock on purpose.
bool acquiresOnPurpose(const clang::FunctionDecl *FD);

/// NO_THREAD_SAFETY_ANALYSIS on \p FD: its author opted out of lock checks.
bool optedOut(const clang::FunctionDecl *FD);

} // namespace weft::analyzer

#endif
