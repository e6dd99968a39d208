//===- analyzer/ApiModel.cpp - lookups over ApiModel.def; lock naming -----===//
#include "analyzer/ApiModel.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

namespace weft::analyzer {

using namespace clang;

ApiModel::ApiModel() {
  using enum LockOp;
  using enum GuardKind;
  using enum GuardOp;
  using enum ThreadOp;
  using enum QueueOp;
  using enum SyncKind;
  auto Key = [](const char *Class, const char *Fn) {
    std::string K = Class;
    if (!K.empty())
      K += "::";
    return K + Fn;
  };
#define WEFT_LOCK_TYPE(Type, Recursive) LockTypes[Type] = Recursive;
#define WEFT_LOCK_CALL(Class, Function, Op, LockArg)                           \
  LockCalls[Key(Class, Function)] = LockCallModel{Op, LockArg};
#define WEFT_GUARD_TYPE(Type, Kind) GuardTypes[Type] = Kind;
#define WEFT_GUARD_CALL(Class, Method, Op) GuardCalls[Key(Class, Method)] = Op;
#define WEFT_THREAD_CALL(Class, Function, Op, CallableArg, FirstArg)           \
  ThreadCalls[Key(Class, Function)] = ThreadCallModel{Op, CallableArg, FirstArg};
#define WEFT_THREAD_BASE(Class, Method, IsProcess)                             \
  ThreadBases[Class] = {Method, IsProcess};
#define WEFT_QUEUE_CALL(Class, Method, Op) QueueCalls[Key(Class, Method)] = Op;
#define WEFT_COND_WAIT(Class, Function, MaxArgs, LockArg)                      \
  CondWaits[Key(Class, Function)] = CondWaitModel{MaxArgs, LockArg};
#define WEFT_SHARED_CONTAINER(Type) Containers[Type] = true;
#define WEFT_SYNC_CALL(Class, Function, Kind) SyncCalls[Key(Class, Function)] = Kind;
#include "analyzer/ApiModel.def"
}

static thread_local NameCacheScope *NameCache = nullptr;

static std::string computeRecordName(const TagDecl *TD) {
  if (!TD->getIdentifier())
    if (const TypedefNameDecl *TN = TD->getTypedefNameForAnonDecl())
      return TN->getQualifiedNameAsString();
  return TD->getQualifiedNameAsString();
}

/// \p Compute(Key), remembered in the current NameCacheScope's \p Map.
template <class Decl>
static std::string
remember(llvm::DenseMap<const Decl *, std::string> NameCacheScope::*Map,
         const Decl *Key, std::string (*Compute)(const Decl *)) {
  if (!NameCache)
    return Compute(Key);
  auto [It, New] = (NameCache->*Map).try_emplace(Key);
  if (New)
    It->second = Compute(Key);
  return It->second;
}

static std::string recordName(const TagDecl *TD) {
  return TD ? remember(&NameCacheScope::Records, TD, computeRecordName) : "";
}

std::string ApiModel::typeName(QualType T) {
  T = T.getNonReferenceType();
  if (T.isNull())
    return "";
  if (const auto *TT = T->getAs<TypedefType>()) {
    // pthread_mutex_t is a typedef of an anonymous union: name it by the
    // typedef (also the case when it is spelled through another typedef).
    if (const TagDecl *TD = T->getAsTagDecl(); TD && !TD->getIdentifier())
      return recordName(TD);
    (void)TT;
  }
  return recordName(T->getAsTagDecl());
}

std::optional<GuardKind> ApiModel::guardType(QualType T) const {
  auto It = GuardTypes.find(typeName(T));
  if (It == GuardTypes.end())
    return std::nullopt;
  return It->second;
}

std::optional<bool> ApiModel::lockType(QualType T) const {
  auto It = LockTypes.find(typeName(T));
  if (It == LockTypes.end())
    return std::nullopt;
  return It->second;
}

/// "Class::method" for a member call (class of the object's static type,
/// falling back to the method's own class), "qualified::fn" otherwise.
static std::string callKey(const CallExpr *CE) {
  const FunctionDecl *FD = CE->getDirectCallee();
  if (!FD)
    return "";
  std::string Name;
  if (const auto *Conv = dyn_cast<CXXConversionDecl>(FD))
    Name = Conv->getConversionType()->isBooleanType() ? "operator bool" : "";
  else if (FD->getDeclName().isIdentifier())
    Name = FD->getName().str();
  if (Name.empty())
    return "";
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD)) {
    std::string Class;
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(CE))
      Class = ApiModel::typeName(MCE->getObjectType());
    if (Class.empty())
      Class = recordName(MD->getParent());
    return Class + "::" + Name;
  }
  return FD->getQualifiedNameAsString();
}

const LockCallModel *ApiModel::lockCall(const CallExpr *CE) const {
  auto It = LockCalls.find(callKey(CE));
  return It == LockCalls.end() ? nullptr : &It->second;
}

std::optional<GuardOp> ApiModel::guardCall(const CallExpr *CE) const {
  if (!isa<CXXMemberCallExpr>(CE))
    return std::nullopt;
  auto It = GuardCalls.find(callKey(CE));
  if (It == GuardCalls.end())
    return std::nullopt;
  return It->second;
}

const ThreadCallModel *ApiModel::threadCall(const CallExpr *CE) const {
  auto It = ThreadCalls.find(callKey(CE));
  return It == ThreadCalls.end() ? nullptr : &It->second;
}

const ThreadCallModel *
ApiModel::threadCtor(const CXXConstructExpr *CE) const {
  std::string Class = typeName(CE->getType());
  if (Class.empty())
    return nullptr;
  auto It = ThreadCalls.find(Class + "::");
  return It == ThreadCalls.end() ? nullptr : &It->second;
}

std::optional<QueueOp> ApiModel::queueCall(const CallExpr *CE) const {
  // The methods live in a base class: name the object's own type.
  const auto *MC = dyn_cast<CXXMemberCallExpr>(CE);
  const FunctionDecl *FD = CE->getDirectCallee();
  if (!MC || !FD || !FD->getDeclName().isIdentifier() ||
      !MC->getImplicitObjectArgument())
    return std::nullopt;
  QualType T = MC->getImplicitObjectArgument()->IgnoreParenImpCasts()->getType();
  if (T->isPointerType())
    T = T->getPointeeType();
  auto It = QueueCalls.find(typeName(T) + "::" + FD->getName().str());
  if (It == QueueCalls.end())
    return std::nullopt;
  return It->second;
}

const CondWaitModel *ApiModel::condWait(const CallExpr *CE) const {
  auto It = CondWaits.find(callKey(CE));
  if (It == CondWaits.end())
    return nullptr;
  return &It->second;
}

std::optional<std::pair<std::string, bool>>
ApiModel::threadBase(const CXXRecordDecl *RD) const {
  if (!RD || !RD->hasDefinition())
    return std::nullopt;
  RD = RD->getDefinition();
  for (const CXXBaseSpecifier &B : RD->bases()) {
    const CXXRecordDecl *Base = B.getType()->getAsCXXRecordDecl();
    if (!Base)
      continue;
    auto It = ThreadBases.find(recordName(Base));
    if (It != ThreadBases.end())
      return It->second;
    if (auto R = threadBase(Base))
      return R;
  }
  return std::nullopt;
}

std::optional<SyncKind> ApiModel::syncCall(const CallExpr *CE) const {
  const FunctionDecl *FD = CE->getDirectCallee();
  if (!FD)
    return std::nullopt;
  std::string Key;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD)) {
    const Expr *Obj = nullptr;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE))
      Obj = MC->getImplicitObjectArgument();
    else if (isa<CXXOperatorCallExpr>(CE) && CE->getNumArgs() > 0)
      Obj = CE->getArg(0);
    QualType T = Obj ? Obj->IgnoreParenImpCasts()->getType()
                     : QualType(MD->getParent()->getTypeForDecl(), 0);
    if (T->isPointerType())
      T = T->getPointeeType();
    std::string Name;
    if (isa<CXXConversionDecl>(FD))
      Name = "operator bool";
    else if (FD->getOverloadedOperator() == OO_Equal)
      Name = "operator=";
    else if (FD->getDeclName().isIdentifier())
      Name = FD->getName().str();
    Key = typeName(T) + "::" + Name;
    // std::atomic<T> derives from __atomic_base<T>: name the object.
    if (!SyncCalls.count(Key))
      Key = recordName(MD->getParent()) + "::" + Name;
    if (!SyncCalls.count(Key) && Key.rfind("std::__atomic", 0) == 0)
      Key = "std::atomic::" + Name;
  } else {
    Key = FD->getQualifiedNameAsString();
  }
  auto It = SyncCalls.find(Key);
  if (It == SyncCalls.end())
    return std::nullopt;
  return It->second;
}

bool ApiModel::sharedContainer(QualType T) const {
  return Containers.count(typeName(T)) != 0;
}

// ---- function names ---------------------------------------------------------

NameCacheScope::NameCacheScope() : Prev(NameCache) { NameCache = this; }
NameCacheScope::~NameCacheScope() { NameCache = Prev; }

static std::string computeFunctionId(const FunctionDecl *FD);

std::string functionId(const FunctionDecl *FD) {
  return remember(&NameCacheScope::Ids, FD, computeFunctionId);
}

static std::string computeFunctionId(const FunctionDecl *FD) {
  std::string Id = FD->getQualifiedNameAsString();
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
    if (MD->getParent()->isLambda()) {
      // Lambdas have no name; their position is their identity.
      const SourceManager &SM = FD->getASTContext().getSourceManager();
      PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(FD->getLocation()));
      if (P.isValid())
        Id = std::string("lambda@") + P.getFilename() + ":" +
             std::to_string(P.getLine()) + ":" + std::to_string(P.getColumn());
    }
  Id += "(";
  for (unsigned I = 0; I < FD->getNumParams(); ++I) {
    if (I)
      Id += ", ";
    Id += FD->getParamDecl(I)->getType().getCanonicalType().getAsString();
  }
  return Id + ")";
}

std::string functionName(const FunctionDecl *FD) {
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
    if (MD->getParent()->isLambda()) {
      const DeclContext *DC = MD->getParent()->getDeclContext();
      while (DC && !isa<FunctionDecl>(DC))
        DC = DC->getParent();
      if (const auto *Outer = dyn_cast_or_null<FunctionDecl>(DC))
        return "lambda in '" + functionName(Outer) + "'";
      return "lambda";
    }
  return FD->getQualifiedNameAsString();
}

LockPath thisRoot(const RecordDecl *RD) {
  LockPath P;
  P.Root = RootKind::This;
  P.RootKey = "t:" + RD->getQualifiedNameAsString();
  P.RootDisplay = RD->getNameAsString();
  return P;
}

// ---- lock naming ------------------------------------------------------------

namespace {
class LockNamer {
public:
  LockNamer(const FunctionDecl *, const ASTContext &Ctx) : Ctx(Ctx) {}

  std::optional<LockPath> name(const Expr *E, unsigned Depth = 0) {
    if (!E || Depth > 12)
      return std::nullopt;
    E = E->IgnoreParenCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
      // &m and *p denote the same lock as m and p's pointee.
      if (UO->getOpcode() == UO_AddrOf || UO->getOpcode() == UO_Deref)
        return name(UO->getSubExpr(), Depth + 1);
      return std::nullopt;
    }
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
      // Smart pointers: *p, p-> ; containers: v[i].
      if ((OC->getOperator() == OO_Star || OC->getOperator() == OO_Arrow) &&
          OC->getNumArgs() == 1)
        return name(OC->getArg(0), Depth + 1);
      if (OC->getOperator() == OO_Subscript && OC->getNumArgs() == 2)
        return subscript(OC->getArg(0), OC->getArg(1), Depth);
      return std::nullopt;
    }
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
      return subscript(AS->getBase(), AS->getIdx(), Depth);
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      return variable(DRE->getDecl(), Depth);
    if (const auto *TE = dyn_cast<CXXThisExpr>(E)) {
      // `this` itself: the object a method runs on (substituted at calls).
      const CXXRecordDecl *RD = TE->getType()->getPointeeCXXRecordDecl();
      if (!RD)
        return std::nullopt;
      return thisRoot(RD);
    }
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      const ValueDecl *Member = ME->getMemberDecl();
      if (isa<VarDecl>(Member)) // static data member
        return variable(Member, Depth);
      const Expr *Base = ME->getBase()->IgnoreParenImpCasts();
      std::string Field = "." + Member->getNameAsString();
      if (isa<CXXThisExpr>(Base)) {
        const auto *FD = dyn_cast<FieldDecl>(Member);
        const RecordDecl *RD = FD ? FD->getParent() : nullptr;
        if (!RD)
          return std::nullopt;
        LockPath P = thisRoot(RD);
        P.Suffix = Field;
        return P;
      }
      auto P = name(Base, Depth + 1);
      if (P)
        P->Suffix += Field;
      return P;
    }
    return std::nullopt;
  }

  std::optional<LockPath> variable(const ValueDecl *D, unsigned Depth);

private:
  std::optional<LockPath> subscript(const Expr *Base, const Expr *Idx,
                                    unsigned Depth) {
    auto P = name(Base, Depth + 1);
    if (!P)
      return std::nullopt;
    Expr::EvalResult R;
    if (!Idx->isValueDependent() && Idx->EvaluateAsInt(R, Ctx)) {
      P->Suffix += "[" + std::to_string(R.Val.getInt().getExtValue()) + "]";
      return P;
    }
    // forks[i] and forks[(i + 1) % N] may be the same lock or not.
    const SourceManager &SM = Ctx.getSourceManager();
    StringRef Text = Lexer::getSourceText(
        CharSourceRange::getTokenRange(Idx->getSourceRange()), SM,
        Ctx.getLangOpts());
    P->Suffix += "[" + (Text.empty() ? std::string("?") : Text.str()) + "]";
    P->Imprecise = true;
    return P;
  }

  const ASTContext &Ctx;
};

std::optional<LockPath> LockNamer::variable(const ValueDecl *D,
                                            unsigned Depth) {
    const auto *V = dyn_cast<VarDecl>(D);
    if (!V)
      return std::nullopt;
    QualType T = V->getType();
    // A reference, or a local pointer set once at its declaration, denotes
    // what its initializer denotes (RLock &mutexB = mutexA;).
    if (const Expr *Init = V->getInit();
        Init && !isa<ParmVarDecl>(V) &&
        (T->isReferenceType() ||
         (T->isPointerType() && (V->isLocalVarDecl() ||
                                 T.isConstQualified())))) {
      if (auto P = name(Init, Depth + 1))
        return P;
    }
    return declRoot(V, Ctx);
}
} // namespace

std::optional<LockPath> describeVariable(const VarDecl *V,
                                         const ApiModel &Model,
                                         const ASTContext &Ctx) {
  auto P = LockNamer(nullptr, Ctx).variable(V, 0);
  if (P)
    if (auto Rec = Model.lockType(V->getType()))
      P->Recursive = *Rec;
  return P;
}

std::optional<LockPath> describeLock(const Expr *E, const FunctionDecl *Fn,
                                     const ApiModel &Model,
                                     const ASTContext &Ctx) {
  if (!E)
    return std::nullopt;
  auto P = LockNamer(Fn, Ctx).name(E);
  if (!P)
    return std::nullopt;
  QualType T = E->IgnoreParenImpCasts()->getType();
  if (T->isPointerType())
    T = T->getPointeeType();
  if (auto Rec = Model.lockType(T))
    P->Recursive = *Rec;
  return P;
}

std::optional<LockPath> declRoot(const VarDecl *V, const ASTContext &Ctx) {
  LockPath P;
  P.RootDisplay = V->getNameAsString();
  if (const auto *PV = dyn_cast<ParmVarDecl>(V)) {
    const auto *Owner = dyn_cast<FunctionDecl>(PV->getDeclContext());
    if (!Owner)
      return std::nullopt;
    P.Root = RootKind::Param;
    P.ParamIndex = PV->getFunctionScopeIndex();
    P.Owner = functionId(Owner);
    P.RootKey = "p:" + P.Owner + "#" + std::to_string(P.ParamIndex);
    return P;
  }
  if (V->hasGlobalStorage() && !V->isStaticLocal()) {
    P.Root = RootKind::Global;
    P.RootKey = "g:" + V->getQualifiedNameAsString();
    P.RootDisplay = V->getQualifiedNameAsString();
    return P;
  }
  // Locals (static or not) belong to the function that declares them; a
  // lambda naming a captured variable names the enclosing function's.
  const DeclContext *DC = V->getDeclContext();
  while (DC && !isa<FunctionDecl>(DC))
    DC = DC->getParent();
  const auto *Owner = dyn_cast_or_null<FunctionDecl>(DC);
  std::string Where = Owner ? functionId(Owner) : "?";
  const SourceManager &SM = Ctx.getSourceManager();
  PresumedLoc PL = SM.getPresumedLoc(SM.getExpansionLoc(V->getLocation()));
  P.Root = V->isStaticLocal() ? RootKind::Global : RootKind::Local;
  if (!V->isStaticLocal())
    P.Owner = Where;
  P.RootKey = (V->isStaticLocal() ? "s:" : "l:") + Where + "::" +
              P.RootDisplay + "@" +
              (PL.isValid() ? std::to_string(PL.getLine()) : "0");
  return P;
}

} // namespace weft::analyzer
