//===- trace/Run.cpp - the trace files of a run with processes, as one ----===//
#include "trace/Run.h"

#include <algorithm>
#include <dirent.h>
#include <map>
#include <optional>

namespace weft::trace {
namespace {

struct Split {
  std::string Dir, Base;
};
Split split(const std::string &Path) {
  size_t Slash = Path.rfind('/');
  if (Slash == std::string::npos)
    return {"", Path};
  return {Path.substr(0, Slash), Path.substr(Slash + 1)};
}

/// ".<digits>" once or more.
bool pidSuffixes(const std::string &S) {
  if (S.empty())
    return false;
  size_t I = 0;
  while (I < S.size()) {
    if (S[I] != '.' || I + 1 >= S.size() || !isdigit((unsigned char)S[I + 1]))
      return false;
    ++I;
    while (I < S.size() && isdigit((unsigned char)S[I]))
      ++I;
  }
  return true;
}

/// The pid of the last ".<pid>" of a child's path.
uint32_t lastPid(const std::string &Path) {
  size_t Dot = Path.rfind('.');
  return static_cast<uint32_t>(std::stoul(Path.substr(Dot + 1)));
}

/// What the `object` (and `site`) fields name, by kind.
enum class Field { ObjectId, ActorId, StringId, Value };
Field objectField(EventKind K) {
  switch (K) {
  case EventKind::ThreadStart:
  case EventKind::ThreadBegin:
  case EventKind::ThreadJoin:
  case EventKind::JoinRequest:
  case EventKind::DaemonKilled:
    return Field::ActorId;
  case EventKind::ProcessBegin:
  case EventKind::FindingMessage:
  case EventKind::FindingRelated:
    return Field::StringId;
  case EventKind::Sleep:
  case EventKind::Schedule:
  case EventKind::ProcessStart:
  case EventKind::ProcessEnd:
  case EventKind::ProcessJoin:
  case EventKind::ProcessSignal:
  case EventKind::MessageSend: // run-wide ids
  case EventKind::MessageRecv:
  case EventKind::FindingBegin:
  case EventKind::FindingEnd:
    return Field::Value;
  default:
    return Field::ObjectId;
  }
}

/// Objects that live in memory shared by the processes (one object in
/// every file that defines it), not copied by fork.
bool crossProcess(ObjectType T) { return T == ObjectType::ProcessLock; }

struct Part {
  std::string Path;
  Part *Parent = nullptr; // the file of the process that started this one
  Trace T;
  uint32_t Pid = 0;
  std::string ProcessName; // a child's, from its process-begin
  // Old id -> merged id.
  std::map<uint32_t, uint32_t> Actors, Strings, Sites, Objects;
  size_t Next = 0; // the next event to merge
};

class Merger {
public:
  explicit Merger(Trace &Out) : Out(Out) {}

  uint32_t string(Part &P, uint32_t Old) {
    if (!Old)
      return 0;
    auto It = P.Strings.find(Old);
    if (It != P.Strings.end())
      return It->second;
    uint32_t New = ++Strings;
    auto S = P.T.Strings.find(Old);
    Out.Strings[New] = S == P.T.Strings.end() ? "" : S->second;
    return P.Strings[Old] = New;
  }
  uint32_t site(Part &P, uint32_t Old) {
    if (!Old)
      return 0;
    auto It = P.Sites.find(Old);
    if (It != P.Sites.end())
      return It->second;
    uint32_t New = ++Sites;
    if (const SiteInfo *S = P.T.site(Old))
      Out.Sites[New] = *S;
    return P.Sites[Old] = New;
  }
  uint32_t object(Part &P, uint32_t Old) {
    if (!Old)
      return 0;
    auto It = P.Objects.find(Old);
    if (It != P.Objects.end())
      return It->second;
    // A cross-process object made before the fork (its id inherited, so
    // defined in the parent's file too) is the parent's object.
    auto O = P.T.Objects.find(Old);
    if (P.Parent && O != P.T.Objects.end() && crossProcess(O->second.Type)) {
      auto PO = P.Parent->T.Objects.find(Old);
      if (PO != P.Parent->T.Objects.end() && PO->second.Type == O->second.Type)
        return P.Objects[Old] = object(*P.Parent, Old);
    }
    uint32_t New = ++Objects;
    if (O != P.T.Objects.end()) {
      ObjectInfo I = O->second;
      I.Site = site(P, I.Site);
      Out.Objects[New] = I;
    }
    return P.Objects[Old] = New;
  }
  uint32_t actor(Part &P, bool Root, uint32_t Old) {
    if (!Old)
      return 0;
    auto It = P.Actors.find(Old);
    if (It != P.Actors.end())
      return It->second;
    uint32_t New = ++Actors;
    ActorInfo I;
    auto A = P.T.Actors.find(Old);
    if (A != P.T.Actors.end())
      I = A->second;
    I.Site = site(P, I.Site);
    I.Process = P.Pid;
    if (!Root) {
      std::string Proc = P.ProcessName.empty()
                             ? "pid " + std::to_string(P.Pid)
                             : P.ProcessName;
      I.Name = I.Type == ActorType::Process ? Proc : Proc + "/" + I.Name;
    }
    Out.Actors[New] = I;
    return P.Actors[Old] = New;
  }

private:
  Trace &Out;
  uint32_t Strings = 0, Sites = 0, Objects = 0, Actors = 0;
};

} // namespace

std::vector<std::string> runFiles(const std::string &RootPath) {
  std::vector<std::string> Out{RootPath};
  Split S = split(RootPath);
  DIR *D = ::opendir(S.Dir.empty() ? "." : S.Dir.c_str());
  if (!D)
    return Out;
  std::vector<std::string> Children;
  while (struct dirent *E = ::readdir(D)) {
    std::string N = E->d_name;
    if (N.size() > S.Base.size() && N.compare(0, S.Base.size(), S.Base) == 0 &&
        pidSuffixes(N.substr(S.Base.size())))
      Children.push_back(S.Dir.empty() ? N : S.Dir + "/" + N);
  }
  ::closedir(D);
  std::sort(Children.begin(), Children.end());
  Out.insert(Out.end(), Children.begin(), Children.end());
  return Out;
}

bool readRun(const std::string &RootPath, Trace &Out, std::string &Error,
             std::vector<std::string> *Notes,
             const std::function<void(uint64_t, uint64_t)> &Progress) {
  std::vector<std::string> Files = runFiles(RootPath);
  if (Files.size() == 1)
    return readTrace(RootPath, Out, Error, Progress);
  std::vector<Part> Parts(Files.size());
  for (size_t I = 0; I < Files.size(); ++I) {
    Part &P = Parts[I];
    P.Path = Files[I];
    std::string Err;
    if (!readTrace(P.Path, P.T, Err, I == 0 ? Progress : nullptr)) {
      if (I == 0) {
        Error = Err;
        return false;
      }
      if (Notes)
        Notes->push_back(P.Path + ": " + Err);
      continue;
    }
    if (I > 0) {
      P.Pid = lastPid(P.Path);
      if (Notes && !P.T.Damage.empty())
        Notes->push_back(P.Path + ": " + P.T.Damage);
      if (Notes && !P.T.closedCleanly())
        Notes->push_back(P.Path + ": process " + std::to_string(P.Pid) +
                         " did not end cleanly (killed, or still running); " +
                         std::to_string(P.T.Events.size()) +
                         " event(s) up to then were read");
    }
    for (const Event &E : P.T.Events)
      if (E.Kind == EventKind::ProcessBegin) {
        auto S = P.T.Strings.find(E.Object);
        if (S != P.T.Strings.end())
          P.ProcessName = S->second;
        break;
      }
  }
  Parts[0].Pid = Parts[0].T.Header.Pid;
  Out = Trace{};
  Out.Header = Parts[0].T.Header;
  Out.Damage = Parts[0].T.Damage;
  Out.Holes = 0;
  for (const Part &P : Parts)
    Out.Holes += P.T.Holes;
  // The same name for two processes (os.fork keeps its parent's): the pid
  // tells them apart.
  std::map<std::string, int> Uses{{"MainProcess", 1}}; // the first one
  for (const Part &P : Parts)
    if (!P.ProcessName.empty())
      ++Uses[P.ProcessName];
  for (Part &P : Parts)
    if (!P.ProcessName.empty() && Uses[P.ProcessName] > 1)
      P.ProcessName += " (pid " + std::to_string(P.Pid) + ")";
  for (size_t I = 0; I < Parts.size(); ++I)
    if (I == 0 || Parts[I].Pid) // (not a file that could not be read)
      Out.Processes.emplace_back(
        Parts[I].Pid, I == 0 ? std::string("MainProcess")
                      : Parts[I].ProcessName.empty()
                          ? "pid " + std::to_string(Parts[I].Pid)
                          : Parts[I].ProcessName);

  std::map<uint32_t, size_t> ByPid; // child pid -> part
  std::map<std::string, size_t> ByPath;
  for (size_t I = 0; I < Parts.size(); ++I)
    ByPath[Parts[I].Path] = I;
  for (size_t I = 1; I < Parts.size(); ++I) {
    ByPid[Parts[I].Pid] = I;
    std::string ParentPath = Parts[I].Path.substr(0, Parts[I].Path.rfind('.'));
    if (ByPath.count(ParentPath))
      Parts[I].Parent = &Parts[ByPath[ParentPath]];
  }
  std::vector<bool> Started(Parts.size(), false);
  Started[0] = true;
  for (size_t I = 1; I < Parts.size(); ++I)
    // A child whose parent's file holds no process-start for it (not
    // read): nothing to wait for.
    Started[I] = true;
  for (const Part &P : Parts)
    for (const Event &E : P.T.Events)
      if (E.Kind == EventKind::ProcessStart && ByPid.count(E.Object))
        Started[ByPid[E.Object]] = false;

  // Messages sent (run-wide ids) -> emitted yet.
  std::map<uint32_t, bool> Sent;
  for (const Part &P : Parts)
    for (const Event &E : P.T.Events)
      if (E.Kind == EventKind::MessageSend)
        Sent[E.Object] = false;

  Merger M(Out);
  auto ready = [&](size_t I) {
    const Part &P = Parts[I];
    if (!Started[I] || P.Next >= P.T.Events.size())
      return false;
    const Event &E = P.T.Events[P.Next];
    if (E.Kind == EventKind::MessageRecv) {
      auto S = Sent.find(E.Object);
      return S == Sent.end() || S->second;
    }
    if (E.Kind == EventKind::ProcessJoin && E.Flags == 0 &&
        ByPid.count(E.Object)) {
      const Part &C = Parts[ByPid[E.Object]];
      return C.Next >= C.T.Events.size();
    }
    return true;
  };
  uint64_t Seq = 0, LastTime = 0;
  for (;;) {
    std::optional<size_t> Pick;
    for (size_t I = 0; I < Parts.size(); ++I)
      if (ready(I) && (!Pick || Parts[I].T.Events[Parts[I].Next].TimeUs <
                                    Parts[*Pick].T.Events[Parts[*Pick].Next]
                                        .TimeUs))
        Pick = I;
    if (!Pick) {
      // Nothing ready: done, or a constraint that cannot be met (a file
      // that is damaged): take the earliest remaining event anyway.
      for (size_t I = 0; I < Parts.size(); ++I)
        if (Parts[I].Next < Parts[I].T.Events.size() &&
            (!Pick || Parts[I].T.Events[Parts[I].Next].TimeUs <
                          Parts[*Pick].T.Events[Parts[*Pick].Next].TimeUs))
          Pick = I;
      if (!Pick)
        break;
    }
    Part &P = Parts[*Pick];
    bool Root = *Pick == 0;
    Event E = P.T.Events[P.Next++];
    if (E.Kind == EventKind::ProcessStart && ByPid.count(E.Object))
      Started[ByPid[E.Object]] = true;
    if (E.Kind == EventKind::MessageSend)
      Sent[E.Object] = true;
    switch (objectField(E.Kind)) {
    case Field::ObjectId:
      E.Object = M.object(P, E.Object);
      break;
    case Field::ActorId:
      E.Object = M.actor(P, Root, E.Object);
      break;
    case Field::StringId:
      E.Object = M.string(P, E.Object);
      break;
    case Field::Value:
      break;
    }
    E.Actor = static_cast<uint16_t>(M.actor(P, Root, E.Actor));
    if (E.Kind != EventKind::ProcessBegin)
      E.Site = M.site(P, E.Site);
    // Times never go back in the merged order (a child's first events
    // may carry a time a little before its parent's process-start).
    LastTime = std::max(LastTime, E.TimeUs);
    E.TimeUs = LastTime;
    E.Seq = Seq++;
    Out.Events.push_back(E);
  }
  return true;
}

} // namespace weft::trace
