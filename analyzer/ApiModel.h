//===- analyzer/ApiModel.h - lock, guard and thread APIs, from a table ----===//
//
// ApiModel answers "what does this call do to locks or threads?" from the
// rows of ApiModel.def, and describeLock() names the lock an expression
// denotes (see Facts.h for the naming scheme). Neither knows anything about
// control flow; Lockset*.cpp interpret the operations along the CFG.
//===----------------------------------------------------------------------===//
#ifndef WEFT_ANALYZER_APIMODEL_H
#define WEFT_ANALYZER_APIMODEL_H

#include "analyzer/Facts.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"

#include <optional>
#include <string>

namespace weft::analyzer {

enum class LockOp : uint8_t {
  Acquire, TryAcquire, TryAcquireZero, PyAcquire, Release, AcquireAll
};
enum class GuardKind : uint8_t { Scoped, Unique };
enum class GuardOp : uint8_t {
  GuardLock, GuardUnlock, GuardTryLock, GuardDisown, GuardOwns
};
enum class ThreadOp : uint8_t {
  ThreadCreate, ThreadStart, ThreadJoin, ProcessCreate
};
enum class SyncKind : uint8_t { SyncAcquire, SyncRelease, SyncBoth };
enum class QueueOp : uint8_t {
  QueueEmpty, QueueFull, QueueSize, QueueGet, QueuePut
};

/// LockArg values besides an argument index.
constexpr int ThisObject = -1;
constexpr int AllArgs = -2;

/// A condition wait: the most explicit arguments it takes without a
/// predicate, and the lock it releases and takes again.
struct CondWaitModel {
  unsigned MaxArgs;
  int LockArg;
};

struct LockCallModel {
  LockOp Op;
  int LockArg;
};
struct ThreadCallModel {
  ThreadOp Op;
  int CallableArg;
  int FirstArg;
};

class ApiModel {
public:
  ApiModel();

  /// A call on a lock (m.lock(), pthread_mutex_lock(&m), std::lock(a, b)).
  const LockCallModel *lockCall(const clang::CallExpr *CE) const;
  /// A method call on a Unique guard (lk.unlock()); the guard is the object.
  std::optional<GuardOp> guardCall(const clang::CallExpr *CE) const;
  /// A thread operation: a call (pthread_create, t.join()) ...
  const ThreadCallModel *threadCall(const clang::CallExpr *CE) const;
  /// ... or a constructor (std::thread t(f, x)).
  const ThreadCallModel *threadCtor(const clang::CXXConstructExpr *CE) const;

  /// A queue check or act (q.empty(), q.get()).
  std::optional<QueueOp> queueCall(const clang::CallExpr *CE) const;
  /// A condition wait (ApiModel.def WEFT_COND_WAIT).
  const CondWaitModel *condWait(const clang::CallExpr *CE) const;
  /// \p RD derives from a thread base (weft Thread): the method it runs and
  /// whether it is a process.
  std::optional<std::pair<std::string, bool>>
  threadBase(const clang::CXXRecordDecl *RD) const;
  bool sharedContainer(clang::QualType T) const;
  /// A hand-off point (sem_post, atomic store, Event.wait...).
  std::optional<SyncKind> syncCall(const clang::CallExpr *CE) const;

  /// The kind of RAII guard type \p T is, if it is one.
  std::optional<GuardKind> guardType(clang::QualType T) const;
  /// Whether \p T (a lock object's type) is a known lock type, and if so
  /// whether it is recursive.
  std::optional<bool> lockType(clang::QualType T) const;

  /// "std::unique_lock" for std::unique_lock<std::mutex> (no template
  /// arguments, no inline namespaces); the typedef name of an anonymous
  /// struct/union (pthread_mutex_t). Empty if \p T is not a record.
  static std::string typeName(clang::QualType T);

private:
  llvm::StringMap<bool> LockTypes;
  llvm::StringMap<GuardKind> GuardTypes;
  llvm::StringMap<LockCallModel> LockCalls;   // "Class::fn" or "fn"
  llvm::StringMap<GuardOp> GuardCalls;
  llvm::StringMap<ThreadCallModel> ThreadCalls;
  llvm::StringMap<QueueOp> QueueCalls;
  llvm::StringMap<CondWaitModel> CondWaits;
  llvm::StringMap<std::pair<std::string, bool>> ThreadBases;
  llvm::StringMap<bool> Containers;
  llvm::StringMap<SyncKind> SyncCalls;
};

/// The name of the lock \p E denotes (E is the lock object, or a pointer to
/// it as in pthread_mutex_lock(&m)), seen from inside \p Fn. None when the
/// lock cannot be named statically (a call's result, an unknown pointer).
std::optional<LockPath> describeLock(const clang::Expr *E,
                                     const clang::FunctionDecl *Fn,
                                     const ApiModel &Model,
                                     const clang::ASTContext &Ctx);

/// The name of the lock variable \p V itself.
std::optional<LockPath> describeVariable(const clang::VarDecl *V,
                                         const ApiModel &Model,
                                         const clang::ASTContext &Ctx);

/// Stable id of a function across translation units ("ns::f(int *)").
std::string functionId(const clang::FunctionDecl *FD);
/// While one lives on this thread, functionId() and ApiModel::typeName()
/// remember their answers (printing qualified names and parameter types was
/// over a tenth of the analysis). One per AST, around its analysis: the
/// declarations must outlive it.
class NameCacheScope {
public:
  NameCacheScope();
  ~NameCacheScope();
  NameCacheScope(const NameCacheScope &) = delete;
  NameCacheScope &operator=(const NameCacheScope &) = delete;
  llvm::DenseMap<const clang::FunctionDecl *, std::string> Ids;
  llvm::DenseMap<const clang::TagDecl *, std::string> Records;

private:
  NameCacheScope *Prev;
};
/// The root of a path that starts at a plain declaration: a parameter
/// ("p:f#0"), a global ("g:x") or a local of its function ("l:f::x@12";
/// static locals "s:"). One naming for locks and data alike, so a lock and
/// the data it guards are named the same way.
std::optional<LockPath> declRoot(const clang::VarDecl *V,
                                 const clang::ASTContext &Ctx);
/// The root of a path through `this` in a method of \p RD: one per class
/// ("t:ns::Account", shown "Account"), renamed at calls into the object.
LockPath thisRoot(const clang::RecordDecl *RD);
/// A function's name for messages ("withdraw", "Account::deposit",
/// "lambda in 'main'").
std::string functionName(const clang::FunctionDecl *FD);

} // namespace weft::analyzer

#endif
