//===- pictures/Graphs.cpp - lock-order and wait-for graphs as DOT --------===//
#include "pictures/Graphs.h"

#include "detect/Checker.h"
#include "trace/Describe.h"

#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <string>

namespace weft::pictures {
namespace {
using trace::baseName;

/// A DOT double-quoted string.
std::string quoted(const std::string &S) {
  std::string R = "\"";
  for (char C : S) {
    if (C == '"' || C == '\\')
      R += '\\';
    if (C == '\n') {
      R += "\\n";
      continue;
    }
    R += C;
  }
  return R + "\"";
}

std::string place(const report::Location &L) {
  if (L.File.empty())
    return "?";
  return baseName(L.File) + ":" + std::to_string(L.Line);
}

void lockOrder(std::ostream &OS, const trace::Trace &T,
               const detect::LockOrderGraph &G) {
  std::set<std::pair<detect::LockKey, detect::LockKey>> Red;
  for (const std::vector<detect::LockKey> &C : G.cycles())
    for (size_t I = 0; I < C.size(); ++I)
      Red.insert({C[I], C[(I + 1) % C.size()]});
  OS << "  subgraph cluster_lock_order {\n"
     << "    label=\"lock order: an arrow A -> B means B was acquired while "
        "holding A\";\n"
     << "    node [shape=ellipse];\n";
  std::set<detect::LockKey> Nodes;
  for (const auto &[A, Outs] : G.edges()) {
    Nodes.insert(A);
    for (const auto &[B, Info] : Outs)
      Nodes.insert(B);
  }
  for (detect::LockKey K : Nodes)
    OS << "    lock" << K << " [label=" << quoted(T.objectName(K)) << "];\n";
  for (const auto &[A, Outs] : G.edges())
    for (const auto &[B, Info] : Outs) {
      bool InCycle = Red.count({A, B});
      OS << "    lock" << A << " -> lock" << B << " [label="
         << quoted(Info.Actor + "\nholds it since " + place(Info.HeldAt) +
                   "\nacquires at " + place(Info.AcquiredAt))
         << (InCycle ? ", color=red, fontcolor=red, penwidth=2" : "")
         << "];\n";
    }
  if (Nodes.empty())
    OS << "    none [shape=plaintext, label=\"no lock was taken while "
          "holding another\"];\n";
  OS << "  }\n";
}

void waitFor(std::ostream &OS, const trace::Trace &T,
             const detect::WaitForGraph &G, uint32_t Trigger) {
  std::set<std::pair<std::string, std::string>> Red;
  if (auto Cycle = G.cycleFrom(Trigger))
    for (const detect::WaitStep &S : *Cycle) {
      std::string Actor = "actor" + std::to_string(S.Actor);
      std::string Res = S.Join ? "actor" + std::to_string(S.Resource)
                               : "res" + std::to_string(S.Resource);
      Red.insert({Actor, Res});
      if (!S.Join && !S.Parked)
        Red.insert({Res, "actor" + std::to_string(S.Holder)});
    }
  OS << "  subgraph cluster_wait_for {\n"
     << "    label=\"wait-for at the deadlock: actors wait for resources "
        "that actors hold\";\n";
  std::set<uint32_t> Actors, Resources;
  std::vector<std::string> Lines;
  auto edge = [&](const std::string &From, const std::string &To,
                  const std::string &Label) {
    bool R = Red.count({From, To});
    Lines.push_back("    " + From + " -> " + To + " [label=" + quoted(Label) +
                    (R ? ", color=red, fontcolor=red, penwidth=2" : "") +
                    "];\n");
  };
  for (const auto &[Id, Info] : T.Actors) {
    std::optional<detect::WaitStep> S = G.waitOf(Id);
    if (!S || !G.stuck(Id))
      continue;
    std::string A = "actor" + std::to_string(Id);
    Actors.insert(Id);
    if (S->Join) {
      Actors.insert(S->Resource);
      edge(A, "actor" + std::to_string(S->Resource),
           S->WaitAt.File.empty()
               ? std::string("waits for it to end (at program exit)")
               : "waits for it to end at " + place(S->WaitAt));
      continue;
    }
    Resources.insert(S->Resource);
    std::string R = "res" + std::to_string(S->Resource);
    edge(A, R, "waits at " + place(S->WaitAt));
    if (!S->Parked && S->Holder) {
      Actors.insert(S->Holder);
      edge(R, "actor" + std::to_string(S->Holder),
           "held since " + place(S->HeldAt));
    }
  }
  for (uint32_t A : Actors)
    OS << "    actor" << A << " [shape=box, label="
       << quoted(T.actorName(A)) << "];\n";
  for (uint32_t R : Resources)
    OS << "    res" << R << " [shape=ellipse, label="
       << quoted(T.objectName(R)) << "];\n";
  for (const std::string &L : Lines)
    OS << L;
  OS << "  }\n";
}

} // namespace

struct GraphsDotWriter::Impl {
  explicit Impl(const trace::Trace &T) : T(T), Syms(T), C(Syms), AtDeadlock(Syms) {}
  const trace::Trace &T;
  detect::TraceSymbols Syms;
  detect::Checker C;
  // The wait-for graph is drawn as it stood when the deadlock closed: a
  // second checker stops there (the first sees the whole trace's order).
  detect::Checker AtDeadlock;
  std::vector<report::Finding> Ignored;
  std::optional<uint32_t> Trigger;
};

GraphsDotWriter::GraphsDotWriter(const trace::Trace &Tables)
    : P(std::make_unique<Impl>(Tables)) {}
GraphsDotWriter::~GraphsDotWriter() = default;

void GraphsDotWriter::onEvent(const trace::Event &E) {
  P->Syms.noteEvent(E);
  const trace::EventInfo *Info = trace::eventInfo(E.Kind);
  if (!Info || Info->Cat != trace::Category::Sync)
    return;
  P->C.onEvent(E, P->Ignored);
  if (!P->Trigger) {
    P->AtDeadlock.onEvent(E, P->Ignored);
    if (P->AtDeadlock.deadlocked())
      P->Trigger = E.Actor;
  }
  P->Ignored.clear();
}

void GraphsDotWriter::write(std::ostream &OS) const {
  const trace::Trace &T = P->T;
  std::string Program(T.Header.Program,
                      strnlen(T.Header.Program, sizeof T.Header.Program));
  OS << "digraph weft {\n"
     << "  label=" << quoted("weft: " + baseName(Program)) << ";\n"
     << "  labelloc=t;\n"
     << "  fontname=\"Helvetica\";\n"
     << "  node [fontname=\"Helvetica\"];\n"
     << "  edge [fontname=\"Helvetica\", fontsize=10];\n";
  lockOrder(OS, T, P->C.lockOrder());
  if (P->Trigger)
    waitFor(OS, T, P->AtDeadlock.waitFor(), *P->Trigger);
  OS << "}\n";
}

void writeGraphsDot(std::ostream &OS, const trace::Trace &T) {
  GraphsDotWriter W(T);
  for (const trace::Event &E : T.Events)
    W.onEvent(E);
  W.write(OS);
}

} // namespace weft::pictures
