//===- detect/HappensBefore.cpp - the synchronization edges of a trace ----===//
#include "detect/HappensBefore.h"

#include <deque>
#include <map>
#include <optional>

namespace weft::detect {
namespace {

using trace::Event;
using trace::EventKind;

enum class Key { Object, StartChild, EndJoin, StartProcess, EndProcess };
enum class Match { Last, Each, Item };

struct Pair {
  EventKind Release, Acquire;
  Key K;
  Match M;
  std::string_view Label;
};

constexpr Pair Pairs[] = {
#define WEFT_HB_PAIR(Rel, Acq, K, M, Label)                                    \
  {EventKind::Rel, EventKind::Acq, Key::K, Match::M, Label},
#include "detect/HbPairs.def"
};
constexpr size_t NumPairs = sizeof Pairs / sizeof Pairs[0];

/// The process (pid) \p Actor ran in: known in a run with processes merged
/// (trace/Run.h), 0 otherwise (then no process edge matches).
uint64_t processOf(const trace::Trace &T, uint32_t Actor) {
  auto It = T.Actors.find(Actor);
  return It == T.Actors.end() ? 0 : It->second.Process;
}

/// The key of \p E in pair \p P, as the release (\p AsRelease) or the acquire.
uint64_t keyOf(const trace::Trace &T, const Pair &P, const Event &E,
               bool AsRelease) {
  switch (P.K) {
  case Key::Object:
    return E.Object;
  case Key::StartChild: // start names the child; the child begins
    return AsRelease ? E.Object : E.Actor;
  case Key::EndJoin: // the ender is the joined actor
    return AsRelease ? E.Actor : E.Object;
  case Key::StartProcess: // start names the child's pid; its process begins
    return AsRelease ? E.Object : processOf(T, E.Actor);
  case Key::EndProcess: // the ending process is the joined pid
    return AsRelease ? processOf(T, E.Actor) : E.Object;
  }
  return 0;
}

/// Whether \p E acquires at all (a failed or timed-out wait receives nothing).
bool receives(const Event &E) {
  switch (E.Kind) {
  case EventKind::EventWaited: // flags=1: the event was set
    return E.Flags & 1;
  case EventKind::ProcessJoin: // flags=1: the child was still running
  case EventKind::ThreadJoin: // flags=1: the join timed out
  case EventKind::BarrierPassed: // flags=1: broken
    return !(E.Flags & 1);
  case EventKind::WaitWake:
    return E.Flags == trace::WakeGranted;
  default:
    return true;
  }
}

} // namespace

struct HappensBeforeTracker::State {
  // Per pair and key: the releases the next acquire may receive.
  struct Pending {
    std::optional<End> Last;   // Match::Last
    std::vector<End> Since;    // Match::Each: this round's releases
    bool Passed = false;       // Match::Each: an acquire ended the round
    std::deque<End> Items;     // Match::Item: outstanding puts
  };
  std::map<std::pair<size_t, uint64_t>, Pending> ByKey;
};

HappensBeforeTracker::HappensBeforeTracker(const trace::Trace &Tables)
    : T(Tables), S(std::make_unique<State>()) {}
HappensBeforeTracker::~HappensBeforeTracker() = default;

void HappensBeforeTracker::onEvent(const Event &E, size_t I, uint64_t Stamp,
                                   std::vector<Found> &Out) {
  auto queueType = [this](uint32_t Object) {
    auto It = T.Objects.find(Object);
    return It == T.Objects.end() ? trace::ObjectType::Unknown
                                 : It->second.Type;
  };
  const End Here{I, E.Actor, Stamp};
  for (size_t PI = 0; PI < NumPairs; ++PI) {
    const Pair &P = Pairs[PI];
    if (E.Kind == P.Release) {
      State::Pending &St = S->ByKey[{PI, keyOf(T, P, E, true)}];
      switch (P.M) {
      case Match::Last:
        St.Last = Here;
        break;
      case Match::Each:
        if (St.Passed) { // someone passed: this arrival opens a new round
          St.Since.clear();
          St.Passed = false;
        }
        St.Since.push_back(Here);
        break;
      case Match::Item:
        St.Items.push_back(Here);
        break;
      }
    } else if (E.Kind == P.Acquire) {
      auto It = S->ByKey.find({PI, keyOf(T, P, E, false)});
      if (It == S->ByKey.end())
        continue;
      State::Pending &St = It->second;
      auto edge = [&](const End &From) {
        if (From.Actor != E.Actor)
          Out.push_back({From, P.Label});
      };
      switch (P.M) {
      case Match::Last:
        if (St.Last && receives(E))
          edge(*St.Last);
        break;
      case Match::Each:
        if (receives(E))
          for (const End &From : St.Since)
            edge(From);
        St.Passed = true; // the round's arrivals stay for the others
        break;
      case Match::Item: {
        if (St.Items.empty())
          break;
        End From;
        if (queueType(E.Object) == trace::ObjectType::LifoQueue) {
          From = St.Items.back();
          St.Items.pop_back();
        } else {
          From = St.Items.front();
          St.Items.pop_front();
        }
        edge(From);
        break;
      }
      }
    }
  }
}

std::vector<HbEdge> happensBeforeEdges(const trace::Trace &T) {
  HappensBeforeTracker Tracker(T);
  std::vector<HbEdge> Out;
  std::vector<HappensBeforeTracker::Found> Found;
  for (size_t I = 0; I < T.Events.size(); ++I) {
    Found.clear();
    Tracker.onEvent(T.Events[I], I, 0, Found);
    for (const auto &F : Found)
      Out.push_back({F.From.Index, I, F.Label});
  }
  return Out;
}

} // namespace weft::detect
