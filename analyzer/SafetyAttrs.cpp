//===- analyzer/SafetyAttrs.cpp - Clang's thread-safety attributes --------===//
#include "analyzer/SafetyAttrs.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"

namespace weft::analyzer {

using namespace clang;

namespace {

template <typename A> std::vector<const Expr *> argsOf(const A *At) {
  std::vector<const Expr *> R;
  for (const Expr *E : At->args())
    R.push_back(E);
  return R;
}

bool assertionName(const FunctionDecl *FD) {
  if (!FD->getDeclName().isIdentifier())
    return false;
  llvm::StringRef N = FD->getName();
  return N == "AssertHeld" || N == "assertHeld" || N == "AssertLockHeld" ||
         N == "assert_held" || N == "AssertReaderHeld";
}

} // namespace

CapabilityDecl capabilityOf(const FunctionDecl *FD) {
  CapabilityDecl R;
  if (!FD)
    return R;
  FD = FD->getMostRecentDecl(); // attributes are inherited forward
  for (const Attr *At : FD->attrs()) {
    if (const auto *A = dyn_cast<AcquireCapabilityAttr>(At))
      return {CapabilityOp::Acquire, argsOf(A)};
    if (const auto *A = dyn_cast<TryAcquireCapabilityAttr>(At))
      return {CapabilityOp::TryAcquire, argsOf(A)};
    if (const auto *A = dyn_cast<ReleaseCapabilityAttr>(At))
      return {CapabilityOp::Release, argsOf(A)};
    if (const auto *A = dyn_cast<AssertCapabilityAttr>(At))
      return {CapabilityOp::Assert, argsOf(A)};
    if (const auto *A = dyn_cast<AssertExclusiveLockAttr>(At))
      return {CapabilityOp::Assert, argsOf(A)};
    if (const auto *A = dyn_cast<AssertSharedLockAttr>(At))
      return {CapabilityOp::Assert, argsOf(A)};
    if (const auto *A = dyn_cast<RequiresCapabilityAttr>(At))
      R = {CapabilityOp::Requires, argsOf(A)};
  }
  if (R.Op == CapabilityOp::None && assertionName(FD) &&
      FD->getNumParams() == 0)
    R.Op = CapabilityOp::Assert;
  return R;
}

std::vector<const Expr *> heldOnEntry(const FunctionDecl *FD) {
  std::vector<const Expr *> R;
  FD = FD->getMostRecentDecl();
  for (const Attr *At : FD->attrs()) {
    if (const auto *A = dyn_cast<RequiresCapabilityAttr>(At))
      for (const Expr *E : A->args())
        R.push_back(E);
    if (const auto *A = dyn_cast<ReleaseCapabilityAttr>(At))
      for (const Expr *E : A->args())
        R.push_back(E);
  }
  return R;
}

bool acquiresOnPurpose(const FunctionDecl *FD) {
  FD = FD->getMostRecentDecl();
  return FD->hasAttr<AcquireCapabilityAttr>() ||
         FD->hasAttr<TryAcquireCapabilityAttr>();
}

bool optedOut(const FunctionDecl *FD) {
  return FD->getMostRecentDecl()->hasAttr<NoThreadSafetyAnalysisAttr>();
}

} // namespace weft::analyzer
