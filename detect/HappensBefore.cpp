//===- detect/HappensBefore.cpp - the synchronization edges of a trace ----===//
#include "detect/HappensBefore.h"

#include <deque>
#include <map>
#include <optional>

namespace weft::detect {
namespace {

using trace::Event;
using trace::EventKind;

enum class Key { Object, StartChild, EndJoin };
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

/// The key of \p E in pair \p P, as the release (\p AsRelease) or the acquire.
uint64_t keyOf(const Pair &P, const Event &E, bool AsRelease) {
  switch (P.K) {
  case Key::Object:
    return E.Object;
  case Key::StartChild: // start names the child; the child begins
    return AsRelease ? E.Object : E.Actor;
  case Key::EndJoin: // the ender is the joined actor
    return AsRelease ? E.Actor : E.Object;
  }
  return 0;
}

/// Whether \p E acquires at all (a failed or timed-out wait receives nothing).
bool receives(const Event &E) {
  switch (E.Kind) {
  case EventKind::EventWaited: // flags=1: the event was set
    return E.Flags & 1;
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

std::vector<HbEdge> happensBeforeEdges(const trace::Trace &T) {
  // Per pair and key: the releases the next acquire may receive.
  struct Pending {
    std::optional<size_t> Last;   // Match::Last
    std::vector<size_t> Since;    // Match::Each: this round's releases
    bool Passed = false;          // Match::Each: an acquire ended the round
    std::deque<size_t> Items;     // Match::Item: outstanding puts
  };
  std::map<std::pair<size_t, uint64_t>, Pending> State;
  std::vector<HbEdge> Out;
  auto queueType = [&T](uint32_t Object) {
    auto It = T.Objects.find(Object);
    return It == T.Objects.end() ? trace::ObjectType::Unknown
                                 : It->second.Type;
  };
  for (size_t I = 0; I < T.Events.size(); ++I) {
    const Event &E = T.Events[I];
    for (size_t PI = 0; PI < NumPairs; ++PI) {
      const Pair &P = Pairs[PI];
      if (E.Kind == P.Release) {
        Pending &S = State[{PI, keyOf(P, E, true)}];
        switch (P.M) {
        case Match::Last:
          S.Last = I;
          break;
        case Match::Each:
          if (S.Passed) { // someone passed: this arrival opens a new round
            S.Since.clear();
            S.Passed = false;
          }
          S.Since.push_back(I);
          break;
        case Match::Item:
          S.Items.push_back(I);
          break;
        }
      } else if (E.Kind == P.Acquire) {
        auto It = State.find({PI, keyOf(P, E, false)});
        if (It == State.end())
          continue;
        Pending &S = It->second;
        auto edge = [&](size_t From) {
          if (T.Events[From].Actor != E.Actor)
            Out.push_back({From, I, P.Label});
        };
        switch (P.M) {
        case Match::Last:
          if (S.Last && receives(E))
            edge(*S.Last);
          break;
        case Match::Each:
          if (receives(E))
            for (size_t From : S.Since)
              edge(From);
          S.Passed = true; // the round's arrivals stay for the others
          break;
        case Match::Item: {
          if (S.Items.empty())
            break;
          size_t From;
          if (queueType(E.Object) == trace::ObjectType::LifoQueue) {
            From = S.Items.back();
            S.Items.pop_back();
          } else {
            From = S.Items.front();
            S.Items.pop_front();
          }
          edge(From);
          break;
        }
        }
      }
    }
  }
  return Out;
}

} // namespace weft::detect
