//===- analyzer/LocksetState.h - the lockset analysis' abstract state ------===//
//
// The abstract state at a program point is a *set* of path states (a small
// powerset domain), not one merged lockset: each path state (State) says
// which locks are held (with their acquire sites and owning RAII guard),
// which local flags are known true/false on that path, and which try-lock
// results are still waiting for the branch that tests them. Keeping path
// states apart is what makes `if (c) m.lock(); ... if (c) m.unlock();` and
// `if (m.try_lock()) { ...; m.unlock(); }` silent: the branch on `c` (or on
// the try-lock's result) prunes the infeasible combination. When a block
// collects more than MaxStates path states, they are merged (meet) into one
// "imprecise" state (the intersection: must-held); imprecise states still
// feed must-held facts and lock-order edges, but never a missing-release.
//
// Also here: a function's Summary, what its callers apply at each call.
// Internal to the lockset analysis (Lockset*.cpp); see Lockset.h.
//===----------------------------------------------------------------------===//
#ifndef WEFT_ANALYZER_LOCKSETSTATE_H
#define WEFT_ANALYZER_LOCKSETSTATE_H

#include "analyzer/Facts.h"

#include "clang/Basic/SourceLocation.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace clang {
class VarDecl;
} // namespace clang

namespace weft::analyzer::lockset {

constexpr size_t MaxStates = 48;   // path states per block before merging
constexpr size_t MaxHeldDepth = 4; // recursive re-acquisitions tracked
constexpr unsigned MaxCallDepth = 200;
constexpr size_t MaxSummaryItems = 256;
constexpr size_t MaxVia = 4; // call-chain notes kept (outermost first)
constexpr size_t MaxSpecialisations = 8; // summaries by constants, per function

/// The constant arguments a summary is specialised for (LocksetConsts.cpp):
/// (parameter index, value), by index.
using ConstArgs = std::vector<std::pair<unsigned, int64_t>>;

using RawLoc = clang::SourceLocation::UIntTy;

struct HeldLock {
  LockKey Lock;
  RawLoc Site;
  const clang::VarDecl *Guard; // owning RAII object, or null
  bool FromTry;
  uint32_t Via;                // interned call chain (0: none)
  auto tie() const { return std::tie(Lock, Site, Guard, FromTry, Via); }
  bool operator<(const HeldLock &O) const { return tie() < O.tie(); }
  bool operator==(const HeldLock &O) const { return tie() == O.tie(); }
};

/// A try-lock whose result has not been tested yet. Key: the call, the
/// variable holding its result, or the guard constructed with try_to_lock.
struct PendingTry {
  const void *Key;
  bool KeyIsCall;       // keyed by the call itself: lost after its block
  LockKey Lock;
  RawLoc Site;
  const clang::VarDecl *Guard;
  bool SuccessIfTrue;   // false: pthread style, 0 means acquired
  uint32_t Via;
  auto tie() const {
    return std::tie(Key, KeyIsCall, Lock, Site, Guard, SuccessIfTrue, Via);
  }
  bool operator<(const PendingTry &O) const { return tie() < O.tie(); }
  bool operator==(const PendingTry &O) const { return tie() == O.tie(); }
};

/// One path state.
struct State {
  std::vector<HeldLock> Held;                                  // sorted
  std::vector<std::pair<const clang::VarDecl *, bool>> Known;  // sorted
  std::vector<PendingTry> Pending;                             // sorted
  /// Local pointers holding a lock a call returned (`void *l =
  /// item_trylock(hv)`): a callee releasing its parameter releases it.
  std::vector<std::pair<const clang::VarDecl *, LockKey>> Aliases; // sorted
  bool Imprecise = false;

  auto tie() const {
    return std::tie(Held, Known, Pending, Aliases, Imprecise);
  }
  bool operator<(const State &O) const { return tie() < O.tie(); }
  bool operator==(const State &O) const { return tie() == O.tie(); }

  bool holds(LockKey L) const {
    return std::any_of(Held.begin(), Held.end(),
                       [&](const HeldLock &H) { return H.Lock == L; });
  }
  size_t depth(LockKey L) const {
    return std::count_if(Held.begin(), Held.end(),
                         [&](const HeldLock &H) { return H.Lock == L; });
  }
  void add(const HeldLock &H) {
    Held.insert(std::upper_bound(Held.begin(), Held.end(), H), H);
  }
  const bool *known(const clang::VarDecl *V) const {
    for (const auto &[K, B] : Known)
      if (K == V)
        return &B;
    return nullptr;
  }
  void setKnown(const clang::VarDecl *V, bool B) {
    std::erase_if(Known, [&](const auto &P) { return P.first == V; });
    auto P = std::make_pair(V, B);
    Known.insert(std::upper_bound(Known.begin(), Known.end(), P), P);
  }
  void forget(const clang::VarDecl *V) {
    std::erase_if(Known, [&](const auto &P) { return P.first == V; });
    std::erase_if(Aliases, [&](const auto &P) { return P.first == V; });
  }
  std::optional<LockKey> alias(const clang::VarDecl *V) const {
    for (const auto &[K, L] : Aliases)
      if (K == V)
        return L;
    return std::nullopt;
  }
  PendingTry *pending(const void *Key) {
    for (PendingTry &P : Pending)
      if (P.Key == Key)
        return &P;
    return nullptr;
  }
  void addPending(PendingTry P) {
    dropPending(P.Key);
    Pending.insert(std::upper_bound(Pending.begin(), Pending.end(), P), P);
  }
  void dropPending(const void *Key) {
    std::erase_if(Pending, [&](const PendingTry &P) { return P.Key == Key; });
  }
  void rekeyPending(const void *From, const void *To) {
    PendingTry *P = pending(From);
    if (!P)
      return;
    PendingTry Copy = *P;
    dropPending(From);
    Copy.Key = To;
    Copy.KeyIsCall = false;
    addPending(Copy);
    auto A = std::make_pair(static_cast<const clang::VarDecl *>(To), Copy.Lock);
    Aliases.insert(std::upper_bound(Aliases.begin(), Aliases.end(), A), A);
  }
};

/// Hands the locks owned by guard \p From to \p To (null: to nobody).
inline void regard(State &St, const clang::VarDecl *From,
                   const clang::VarDecl *To) {
  std::vector<HeldLock> Moved;
  std::erase_if(St.Held, [&](const HeldLock &H) {
    if (H.Guard != From)
      return false;
    Moved.push_back(H);
    return true;
  });
  for (HeldLock H : Moved) {
    H.Guard = To;
    St.add(H);
  }
}

/// The intersection of two path states: what holds on both.
inline State meet(const State &A, const State &B) {
  State R;
  R.Imprecise = true;
  for (const HeldLock &H : A.Held)
    if (B.holds(H.Lock) && R.depth(H.Lock) < std::min(A.depth(H.Lock),
                                                      B.depth(H.Lock)))
      R.Held.push_back(H);
  for (const auto &P : A.Known)
    if (const bool *V = B.known(P.first); V && *V == P.second)
      R.Known.push_back(P);
  for (const PendingTry &P : A.Pending)
    if (std::find(B.Pending.begin(), B.Pending.end(), P) != B.Pending.end())
      R.Pending.push_back(P);
  for (const auto &P : A.Aliases)
    if (std::find(B.Aliases.begin(), B.Aliases.end(), P) != B.Aliases.end())
      R.Aliases.push_back(P);
  return R;
}

/// What callers of a function need to know, in its own terms (locks may be
/// rooted at a parameter or `this`; renamed at each call).
struct Summary {
  struct Acquire {
    LockKey Lock;
    report::Location Site;
    std::vector<report::Related> Via;
    bool Fresh; // the callee did not release it first (so a held lock deadlocks)
  };
  struct Held {
    LockKey Lock;
    report::Location Site;
    std::vector<report::Related> Via;
    bool FromTry;
  };
  std::vector<Acquire> MayAcquire;   // every blocking acquisition, transitively
  std::vector<Held> HeldOnReturn;    // acquired and held on every return
  std::vector<LockKey> Releases;     // caller's locks it releases
  std::vector<LockKey> Requires;     // held on entry (REQUIRES, AssertHeld)
  std::vector<OrderEdge> ParamEdges; // edges naming a parameter or `this`
  /// The lock a pointer-returning function returns, held (every non-null
  /// return returns it held; ReturnsTry: some return is null, so a
  /// non-null result means acquired, like a try-lock).
  std::optional<LockKey> ReturnsLock;
  bool ReturnsTry = false;
  bool Ready = false;
  bool InProgress = false;
};

/// The summaries of a run's functions with external linkage, by function
/// id: a call whose callee has no body in the caller's translation unit
/// applies the summary another unit left here. Lock keys are the run's
/// LockTable's (one table for every unit), so summaries need no renaming.
struct SummaryBank {
  /// By function id; specialised summaries by specKey().
  std::map<std::string, Summary> ById;
  /// The parameters a function's specialised summaries are by (function
  /// id -> parameter indices): its tested enum / bool parameters.
  std::map<std::string, std::vector<unsigned>> Branching;
  static std::string specKey(const std::string &Id, const ConstArgs &C);
  /// What a unit saw under \p Key (UnitLink::Seen): a summary's signature,
  /// or for "?id" the parameters id's summaries are specialised by.
  std::string observe(const std::string &Key) const;
  /// What a caller can observe of a summary, as a string ("" for none or
  /// one that does nothing to locks): a unit is analyzed again when a
  /// signature it saw has changed.
  static std::string signature(const Summary *S);
};

} // namespace weft::analyzer::lockset

#endif
