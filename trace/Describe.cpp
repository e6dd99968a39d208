//===- trace/Describe.cpp - words for an event's fields -------------------===//
#include "trace/Describe.h"

#include <cstdio>

namespace weft::trace {
std::string baseName(std::string_view Path) {
  size_t Slash = Path.rfind('/');
  return std::string(Slash == std::string_view::npos ? Path
                                                     : Path.substr(Slash + 1));
}

std::string siteText(const Trace &T, uint32_t Site) {
  const SiteInfo *S = T.site(Site);
  if (!S)
    return Site ? "site#" + std::to_string(Site) : "";
  std::string R = baseName(S->File) + ":" + std::to_string(S->Line);
  if (S->Column)
    R += ":" + std::to_string(S->Column);
  return R;
}

std::string shortActorName(const Trace &T, uint32_t Id) {
  auto It = T.Actors.find(Id);
  if (It != T.Actors.end() && !It->second.Name.empty())
    return It->second.Name;
  return "actor#" + std::to_string(Id);
}

/// What the `object` field of an event means depends on its kind.
std::string objectText(const Trace &T, const Event &E) {
  using K = EventKind;
  switch (E.Kind) {
  case K::ThreadBegin: // object=the parent (none for the main thread)
    return E.Object ? shortActorName(T, E.Object) : "";
  case K::ThreadStart:
  case K::ThreadJoin:
  case K::JoinRequest:
  case K::DaemonKilled:
    return shortActorName(T, E.Object);
  case K::Sleep: {
    char Buf[32];
    std::snprintf(Buf, sizeof Buf, "%.3f s", E.Object / 1e6);
    return Buf;
  }
  case K::ThreadEnd:
    return E.Flags ? "(by an exception)" : "";
  case K::ProgramExit:
    return E.Flags ? "(ended by weft)" : "";
  case K::ProcessStart:
  case K::ProcessJoin:
    return "pid " + std::to_string(E.Object) +
           (E.Kind == K::ProcessJoin && E.Flags ? " (still running)" : "");
  case K::ProcessSignal:
    return "signal " + std::to_string(E.Flags) + " to pid " +
           std::to_string(E.Object);
  case K::ProcessBegin: {
    auto It = T.Strings.find(E.Object);
    return It == T.Strings.end() ? "" : "'" + It->second + "'";
  }
  case K::MessageSend:
  case K::MessageRecv:
    return "message " + std::to_string(E.Object);
  case K::ProcessEnd:
    return "exit code " + std::to_string(static_cast<int32_t>(E.Object)) +
           (E.Flags ? " (os._exit)" : "");
  case K::Schedule:
    return "of " + std::to_string(E.Object) +
           (E.Flags & 1 ? " (its timeout fires)" : "");
  case K::LockRequest: {
    std::string S = T.objectName(E.Object);
    if (!(E.Flags & LockBlocking))
      S += " (non-blocking)";
    else if (E.Flags & LockTimed)
      S += " (timed)";
    return S;
  }
  case K::LockAcquired:
  case K::LockReleased: {
    const char *Tried =
        E.Kind == K::LockAcquired && (E.Flags & LockTried) ? " (try)" : "";
    if (T.Objects.count(E.Object) &&
        objectTypeIsRecursive(T.Objects.at(E.Object).Type))
      return T.objectName(E.Object) + " depth " +
             std::to_string(E.Kind == K::LockAcquired ? E.Flags & LockDepthMask
                                                      : E.Flags) +
             Tried;
    return T.objectName(E.Object) + Tried;
  }
  default:
    return T.Objects.count(E.Object) ? T.objectName(E.Object)
                                     : "#" + std::to_string(E.Object);
  }
}

std::string eventText(const Trace &T, const Event &E) {
  std::string S(eventName(E.Kind));
  std::string Object = objectText(T, E);
  std::string Site = siteText(T, E.Site);
  if (!Object.empty())
    S += " " + Object;
  if (!Site.empty())
    S += " at " + Site;
  return S;
}

void LastEvents::note(const Event &E, size_t Position) {
  const EventInfo *Info = eventInfo(E.Kind);
  if (!Info || Info->Cat != Category::Sync || E.Kind == EventKind::Schedule)
    return;
  auto &Q = Last[E.Actor];
  Q.emplace_back(Position, E);
  if (Q.size() > N)
    Q.erase(Q.begin());
}

std::map<uint32_t, std::vector<size_t>> lastEventsOfEachActor(const Trace &T,
                                                              size_t N) {
  LastEvents L(N);
  for (size_t I = 0; I < T.Events.size(); ++I)
    L.note(T.Events[I], I);
  std::map<uint32_t, std::vector<size_t>> Out;
  for (const auto &[Actor, Q] : L.byActor())
    for (const auto &[Position, E] : Q)
      Out[Actor].push_back(Position);
  return Out;
}

} // namespace weft::trace
