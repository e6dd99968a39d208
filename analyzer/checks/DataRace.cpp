//===- analyzer/checks/DataRace.cpp - data-race ---------------------------===//
//
// Every thread actor's accesses are its target's accesses and, through the
// calls it makes, its callees' (parameters, `this` and a Thread subclass's
// reference fields renamed at each call into the starting function's terms;
// locals of the functions on the way are the thread's own). A function that
// starts threads contributes the accesses it (and its callees) make while
// some of them may run. Two accesses to one location conflict when their
// actors may run at the same time (another thread, another instance of the
// same thread, or the starting function while that thread runs), at least
// one writes, they hold no lock in common, and they are not both per-thread
// slots (args[id]). One finding per location: the clearest pair.
//===----------------------------------------------------------------------===//
#include "analyzer/checks/Checks.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace weft::analyzer {

namespace {

constexpr unsigned MaxDepth = 8;
constexpr size_t MaxAccessesPerActor = 20000;
constexpr size_t MaxVia = 4;

struct Env {
  const BindingSet *Bind = nullptr; // null: the function's own terms
  std::set<std::string> Chain;      // functions whose locals are private
};

struct XAccess {
  LockPath Where;
  report::Location Site;
  bool Write = false;
  std::vector<std::pair<std::string, std::string>> Held; // key, display
  std::vector<report::Related> Via;
  int Actor = -1; // index into Facts.Actors; -1: the starting function
  std::string Parent;
  std::vector<uint32_t> Running;
  bool InCondition = false, SyncBefore = false, SyncAfter = false;
};

LockPath join(const LockPath &Outer, const std::string &Suffix,
              const LockPath &Inner) {
  LockPath R = Outer;
  R.Suffix += Suffix;
  R.Imprecise = Outer.Imprecise || Inner.Imprecise;
  R.Partitioned = Outer.Partitioned || Inner.Partitioned;
  return R;
}

std::optional<LockPath> bindThrough(const DataBinding &D, const LockPath &P,
                                    const std::string &Suffix) {
  switch (D.K) {
  case DataBinding::None:
    return std::nullopt;
  case DataBinding::Object:
    return join(D.Path, Suffix, P);
  case DataBinding::Pointee:
    if (Suffix.rfind(".*", 0) != 0)
      return std::nullopt; // the pointer itself: the callee's copy
    return join(D.Path, Suffix.substr(2), P);
  }
  return std::nullopt;
}

std::optional<LockPath> resolve(const LockPath &P, const Env &E) {
  switch (P.Root) {
  case RootKind::Global:
    return P;
  case RootKind::Local:
    if (E.Chain.count(P.Owner))
      return std::nullopt;
    return P;
  case RootKind::Param:
    if (!E.Bind)
      return P;
    if (P.ParamIndex >= E.Bind->Params.size())
      return std::nullopt;
    return bindThrough(E.Bind->Params[P.ParamIndex], P, P.Suffix);
  case RootKind::This:
    if (!E.Bind)
      return P;
    for (const auto &[Field, D] : E.Bind->FieldAliases)
      if (P.Suffix.rfind(Field, 0) == 0 &&
          (P.Suffix.size() == Field.size() || P.Suffix[Field.size()] == '.' ||
           P.Suffix[Field.size()] == '['))
        return bindThrough(D, P, P.Suffix.substr(Field.size()));
    return bindThrough(E.Bind->This, P, P.Suffix);
  }
  return std::nullopt;
}

std::optional<LockPath> resolveLock(const LockPath &P, const Env &E) {
  if (!E.Bind || !P.parametric())
    return P;
  const std::optional<LockPath> *Outer = nullptr;
  if (P.Root == RootKind::Param) {
    if (P.ParamIndex >= E.Bind->LockParams.size())
      return std::nullopt;
    Outer = &E.Bind->LockParams[P.ParamIndex];
  } else {
    Outer = &E.Bind->ThisLock;
  }
  if (!*Outer)
    return std::nullopt;
  return P.under(**Outer);
}

/// A callee's bindings (in the caller's terms) in the actor's terms.
BindingSet compose(const BindingSet &B, const Env &E) {
  if (!E.Bind)
    return B;
  BindingSet R;
  auto Data = [&](const DataBinding &D) {
    DataBinding Out;
    if (D.K == DataBinding::None)
      return Out;
    if (auto P = resolve(D.Path, E))
      Out = {D.K, *P};
    return Out;
  };
  for (const DataBinding &D : B.Params)
    R.Params.push_back(Data(D));
  for (const auto &L : B.LockParams)
    R.LockParams.push_back(L ? resolveLock(*L, E) : std::nullopt);
  R.This = Data(B.This);
  if (B.ThisLock)
    R.ThisLock = resolveLock(*B.ThisLock, E);
  // this->helper(): the callee sees the same thread object.
  if (B.This.K == DataBinding::Object && B.This.Path.Root == RootKind::This &&
      B.This.Path.Suffix.empty())
    R.FieldAliases = E.Bind->FieldAliases;
  return R;
}

class Expander {
public:
  Expander(const ProgramFacts &Facts) : Facts(Facts) {}

  void expand(const std::string &Fn, const Env &E,
              const std::vector<std::pair<std::string, std::string>> &Held,
              const std::vector<report::Related> &Via, unsigned Depth,
              const XAccess &Proto, std::vector<XAccess> &Out,
              bool OnlyRunning) {
    auto It = Facts.Functions.find(Fn);
    if (It == Facts.Functions.end() || Out.size() >= MaxAccessesPerActor)
      return;
    const FunctionData &F = It->second;
    for (const DataAccess &A : F.Accesses) {
      if (OnlyRunning && A.Running.empty())
        continue;
      auto W = resolve(A.Where, E);
      if (!W)
        continue;
      XAccess X = Proto;
      X.Where = *W;
      X.Site = A.Site;
      X.Write = A.Write;
      X.Held = Held;
      addHeld(X.Held, A.Held, E);
      X.Via = Via;
      X.InCondition = A.InCondition;
      X.SyncBefore = Proto.SyncBefore || A.SyncBefore;
      X.SyncAfter = Proto.SyncAfter || A.SyncAfter;
      if (OnlyRunning)
        X.Running = A.Running;
      Out.push_back(std::move(X));
    }
    if (Depth >= MaxDepth)
      return;
    for (const DataCall &C : F.Calls) {
      if (OnlyRunning && C.Running.empty())
        continue;
      if (E.Chain.count(C.Callee))
        continue; // recursion
      Env E2;
      BindingSet Composed = compose(C.Bind, E);
      E2.Bind = &Composed;
      E2.Chain = E.Chain;
      E2.Chain.insert(C.Callee);
      auto Held2 = Held;
      addHeld(Held2, C.Held, E);
      auto Via2 = Via;
      if (Via2.size() < MaxVia)
        Via2.push_back(
            {C.Site, "through the call to '" + C.CalleeName + "' here"});
      XAccess P2 = Proto;
      P2.SyncBefore |= C.SyncBefore;
      P2.SyncAfter |= C.SyncAfter;
      if (OnlyRunning)
        P2.Running = C.Running;
      expand(C.Callee, E2, Held2, Via2, Depth + 1, P2, Out, false);
    }
  }

private:
  void addHeld(std::vector<std::pair<std::string, std::string>> &Out,
               const std::vector<HeldRef> &H, const Env &E) {
    for (const HeldRef &R : H) {
      const LockPath &P = Facts.Locks.path(R.Lock);
      auto L = resolveLock(P, E);
      // A lock that cannot be named in the actor's terms still protects:
      // keep its own spelling.
      LockPath Use = L ? *L : P;
      // A lock named by a local of a function on the way (a reference
      // picked at run time: `Account &first = a.id < b.id ? a : b;`), or a
      // parameter not bound here, may be any lock: "?" matches every lock.
      bool Opaque = !L;
      if (Use.Root == RootKind::Local)
        for (const std::string &Fn : E.Chain)
          Opaque |= Use.RootKey.rfind("l:" + Fn + "::", 0) == 0;
      Out.emplace_back(Opaque ? "?" : Use.key(), Use.display());
    }
  }
  const ProgramFacts &Facts;
};

std::string displayPath(const LockPath &P) {
  std::string S = P.display();
  size_t Pos;
  while ((Pos = S.find(".*.")) != std::string::npos)
    S.replace(Pos, 3, "->");
  while ((Pos = S.find(".*[")) != std::string::npos)
    S.erase(Pos, 2);
  if (S.size() > 2 && S.compare(S.size() - 2, 2, ".*") == 0)
    S = "*" + S.substr(0, S.size() - 2);
  return "'" + S + "'";
}

std::string locksPhrase(const XAccess &X) {
  if (X.Held.empty())
    return "no lock held";
  std::string S = "holding ";
  for (size_t I = 0; I < X.Held.size(); ++I)
    S += (I ? ", '" : "'") + X.Held[I].second + "'";
  return S;
}

/// A lock's class (as lockdep calls it): its key with every index made
/// "[*]"; \p Variable: some index was not a number (`locks[id]`).
std::string lockClass(const std::string &Key, bool &Variable) {
  std::string R;
  Variable = false;
  for (size_t I = 0; I < Key.size(); ++I) {
    if (Key[I] != '[') {
      R += Key[I];
      continue;
    }
    size_t Depth = 0, J = I;
    for (; J < Key.size(); ++J) {
      Depth += Key[J] == '[';
      Depth -= Key[J] == ']';
      if (Depth == 0)
        break;
    }
    std::string Index = Key.substr(I + 1, J - I - 1);
    Variable |= Index.empty() ||
                Index.find_first_not_of("0123456789") != std::string::npos;
    R += "[*]";
    I = J;
  }
  return R;
}

/// One lock in common; elements of one array of locks taken with a
/// variable index (`lru_locks[id]`, `lru_locks[it->clsid]`) count as one
/// lock class: which element is a run-time value the analysis does not
/// follow, and code indexing an array of locks by the data's own class or
/// bucket means the same element for the same data.
bool commonLock(const XAccess &A, const XAccess &B) {
  for (const auto &L : A.Held)
    for (const auto &M : B.Held) {
      if (L.first == M.first || L.first == "?" || M.first == "?")
        return true;
      bool VL, VM;
      if ((L.first.find('[') != std::string::npos) &&
          lockClass(L.first, VL) == lockClass(M.first, VM) && (VL || VM))
        return true;
    }
  return false;
}

} // namespace

void checkDataRace(const ProgramFacts &Facts,
                   std::vector<report::Finding> &Out) {
  if (Facts.Actors.empty())
    return;
  Expander X(Facts);
  std::vector<XAccess> All;
  for (size_t I = 0; I < Facts.Actors.size(); ++I) {
    const ThreadActor &A = Facts.Actors[I];
    if (A.Process)
      continue; // a process has its own copy of everything
    Env E;
    E.Bind = &A.Bind;
    E.Chain.insert(A.Target);
    XAccess Proto;
    Proto.Actor = static_cast<int>(I);
    Proto.Parent = A.Parent;
    std::vector<XAccess> Mine;
    X.expand(A.Target, E, {}, {}, 0, Proto, Mine, false);
    All.insert(All.end(), Mine.begin(), Mine.end());
  }
  std::set<std::string> Parents;
  for (const ThreadActor &A : Facts.Actors)
    Parents.insert(A.Parent);
  for (const std::string &P : Parents) {
    XAccess Proto;
    Proto.Parent = P;
    Env E;
    std::vector<XAccess> Mine;
    X.expand(P, E, {}, {}, 0, Proto, Mine, true);
    All.insert(All.end(), Mine.begin(), Mine.end());
  }

  // Actors by id (ids are global indices).
  std::map<uint32_t, size_t> ById;
  for (size_t I = 0; I < Facts.Actors.size(); ++I)
    ById[Facts.Actors[I].Id] = I;
  auto Parallel = [&](const XAccess &A, const XAccess &B) {
    if (A.Actor < 0 && B.Actor < 0)
      return false;
    if (A.Actor < 0 || B.Actor < 0) {
      const XAccess &P = A.Actor < 0 ? A : B, &T = A.Actor < 0 ? B : A;
      uint32_t Id = Facts.Actors[T.Actor].Id;
      return std::find(P.Running.begin(), P.Running.end(), Id) !=
             P.Running.end();
    }
    const ThreadActor &TA = Facts.Actors[A.Actor], &TB = Facts.Actors[B.Actor];
    if (A.Actor == B.Actor)
      return TA.SelfParallel;
    if (TA.Parent == TB.Parent)
      return std::binary_search(TA.ParallelWith.begin(),
                                TA.ParallelWith.end(), TB.Id); // sorted
    return Facts.LeakyParents.count(TA.Parent) ||
           Facts.LeakyParents.count(TB.Parent);
  };

  std::map<std::string, std::vector<const XAccess *>> ByLoc;
  for (const XAccess &A : All)
    ByLoc[A.Where.key()].push_back(&A);

  for (auto &[Key, Accs] : ByLoc) {
    bool AnyWrite = std::any_of(Accs.begin(), Accs.end(),
                                [](const XAccess *A) { return A->Write; });
    if (!AnyWrite)
      continue;
    auto SiteOf = [&](const XAccess *A) {
      return A->Actor < 0 ? report::Location{} : Facts.Actors[A->Actor].Site;
    };
    std::sort(Accs.begin(), Accs.end(),
              [&](const XAccess *A, const XAccess *B) {
                if (!(A->Site == B->Site))
                  return locLess(A->Site, B->Site);
                if (A->Write != B->Write)
                  return A->Write > B->Write;
                if (!(SiteOf(A) == SiteOf(B)))
                  return locLess(SiteOf(A), SiteOf(B));
                return A->Held.size() < B->Held.size();
              });
    // The same access of the same actor reached along several call paths
    // is one access for pairing; keep the pair search bounded.
    Accs.erase(std::unique(Accs.begin(), Accs.end(),
                           [](const XAccess *A, const XAccess *B) {
                             return A->Site == B->Site &&
                                    A->Write == B->Write &&
                                    A->Actor == B->Actor &&
                                    A->Parent == B->Parent &&
                                    A->Held == B->Held;
                           }),
               Accs.end());
    if (Accs.size() > 3000)
      Accs.resize(3000);
    // Actors whose every write of this location holds a lock: their own
    // unlocked reads are stale reads of what they published (print the
    // balance after the critical section, double-checked init), not
    // reported against locked writes.
    std::set<std::pair<int, std::string>> Unlocked, Writers;
    for (const XAccess *A : Accs)
      if (A->Write) {
        Writers.insert({A->Actor, A->Parent});
        if (A->Held.empty())
          Unlocked.insert({A->Actor, A->Parent});
      }
    auto StaleRead = [&](const XAccess *R, const XAccess *W) {
      if (R->Write || !W->Write || !R->Held.empty() || W->Held.empty() ||
          R->InCondition)
        return false;
      std::pair<int, std::string> K{R->Actor, R->Parent};
      return Writers.count(K) && !Unlocked.count(K);
    };
    // Best pair: different lines, both writes > different lines > any;
    // then the earliest sites.
    const XAccess *BA = nullptr, *BB = nullptr;
    int BestClass = -1;
    for (size_t I = 0; I < Accs.size(); ++I)
      for (size_t J = I; J < Accs.size(); ++J) {
        const XAccess *A = Accs[I], *B = Accs[J];
        if (!A->Write && !B->Write)
          continue;
        // Per-thread slots (args[id], tasks[i] handed to thread i): an
        // element picked by a per-thread index and another picked by a
        // non-constant index are taken to differ.
        if ((A->Where.Partitioned && B->Where.Imprecise) ||
            (B->Where.Partitioned && A->Where.Imprecise))
          continue;
        if (I == J && (A->Actor < 0 || !Facts.Actors[A->Actor].SelfParallel))
          continue;
        if (!Parallel(*A, *B) || commonLock(*A, *B) || StaleRead(A, B) ||
            StaleRead(B, A))
          continue;
        // Published and received through a hand-off (sem_post / sem_wait,
        // atomic store / load, Event, Queue, barrier).
        if ((A->SyncAfter && B->SyncBefore) || (B->SyncAfter && A->SyncBefore))
          continue;
        bool Lines = A->Site.File != B->Site.File ||
                     A->Site.Line != B->Site.Line;
        int Class = Lines ? (A->Write && B->Write ? 2 : 1) : 0;
        if (Class > BestClass) {
          BestClass = Class;
          BA = A;
          BB = B;
        }
      }
    if (!BA)
      continue;
    const XAccess &A = *BA, &B = *BB;
    auto Actor = [&](const XAccess &Acc, const XAccess *Other) {
      if (Acc.Actor < 0) {
        auto It = Facts.Functions.find(Acc.Parent);
        std::string Name = It != Facts.Functions.end() ? It->second.Name
                                                       : Acc.Parent;
        return "'" + Name + "' while the threads it started run";
      }
      const ThreadActor &T = Facts.Actors[Acc.Actor];
      std::string Prefix = Other && Other->Actor == Acc.Actor &&
                                   Other != &Acc
                               ? "another instance of thread '"
                               : "thread '";
      if (Other && Other->Actor == Acc.Actor && Other == &Acc)
        Prefix = "another instance of thread '";
      return Prefix + T.TargetName + "'";
    };
    auto Where = [&](const report::Location &L, const report::Location &Ref) {
      if (L.File == Ref.File)
        return "line " + std::to_string(L.Line);
      return L.File + ":" + std::to_string(L.Line);
    };
    std::string Name = displayPath(A.Where);
    std::string Msg = "data race on " + Name + ": " +
                      (A.Write ? "written" : "read") + " here by " +
                      Actor(A, nullptr) + " (" + locksPhrase(A) + ") and " +
                      (B.Write ? "written" : "read") + " at " +
                      Where(B.Site, A.Site) + " by " + Actor(B, &A) + " (" +
                      locksPhrase(B) + ")";
    report::Finding F = report::makeFinding(report::RuleId::DataRace, Msg,
                                            A.Site, "static");
    for (const report::Related &V : A.Via)
      F.Notes.push_back(V);
    F.Notes.push_back({B.Site, std::string("conflicting ") +
                                   (B.Write ? "write" : "read") + " of " +
                                   Name + " by " + Actor(B, &A) + " (" +
                                   locksPhrase(B) + ")"});
    for (const report::Related &V : B.Via)
      F.Notes.push_back(V);
    std::set<int> Told;
    for (const XAccess *Acc : {&A, &B}) {
      if (Acc->Actor < 0 || !Told.insert(Acc->Actor).second)
        continue;
      const ThreadActor &T = Facts.Actors[Acc->Actor];
      F.Notes.push_back({T.Site, "thread '" + T.TargetName +
                                     "' started here (" + T.How + ")" +
                                     (T.SelfParallel
                                          ? ", several instances at once"
                                          : "")});
    }
    // Code flow for SARIF: the two accesses and the starts.
    F.Flow.push_back({A.Site, "first access: " + std::string(A.Write ? "write" : "read")});
    F.Flow.push_back({B.Site, "conflicting access: " + std::string(B.Write ? "write" : "read")});
    Out.push_back(std::move(F));
  }
}

} // namespace weft::analyzer
