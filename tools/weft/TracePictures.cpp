//===- tools/weft/TracePictures.cpp - `weft trace export|graph` -----------===//
//
// Pictures of a trace (pictures/): the Trace Event Format JSON that Perfetto
// opens, and the lock-order / wait-for graphs as DOT or, through Graphviz's
// `dot` when it is installed, SVG.
//===----------------------------------------------------------------------===//
#include "Cli.h"

#include "pictures/Graphs.h"
#include "pictures/Html.h"
#include "pictures/Perfetto.h"
#include "report/TraceFindings.h"
#include "trace/Trace.h"
#include "trace/EventSource.h"
#include "trace/Run.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace weft::cli {
namespace {

struct PictureArgs {
  std::string Format;
  std::string File;
  std::string Out;
  pictures::PerfettoOptions Window; // trace export only
};

/// Milliseconds since the trace began ("12.5") as nanoseconds.
std::optional<uint64_t> parseMillis(const std::string &S) {
  char *End = nullptr;
  double Ms = std::strtod(S.c_str(), &End);
  if (S.empty() || *End || !std::isfinite(Ms) || Ms < 0 || Ms > 1e12)
    return std::nullopt;
  return static_cast<uint64_t>(Ms * 1e6 + 0.5);
}

/// Parses `FILE [--format=F] [-o OUT]` from A[First]; returns an exit code
/// on error.
std::optional<int> parse(const Args &A, std::string_view Sub,
                         std::initializer_list<std::string_view> Formats,
                         PictureArgs &P, const std::string &Cmd = "trace",
                         size_t First = 1) {
  P.Format = std::string(*Formats.begin());
  for (size_t I = First; I < A.size(); ++I) {
    bool Missing = false;
    if (auto V = optionValue(A, I, "--format", Missing)) {
      bool Known = false;
      for (std::string_view F : Formats)
        Known |= !Missing && *V == F;
      if (!Known) {
        std::string List;
        for (std::string_view F : Formats)
          List += (List.empty() ? "" : ", ") + std::string(F);
        return usageError(Cmd, std::string(Sub) + ": --format needs one of " +
                                   List);
      }
      P.Format = *V;
      continue;
    }
    if (auto V = optionValue(A, I, "-o", Missing)) {
      if (Missing)
        return usageError(Cmd, "-o needs a file name");
      P.Out = *V;
      continue;
    }
    if (Sub == "trace export") {
      bool IsFrom = false;
      std::optional<std::string> V = optionValue(A, I, "--from", Missing);
      if (V)
        IsFrom = true;
      else
        V = optionValue(A, I, "--to", Missing);
      if (V) {
        const char *Name = IsFrom ? "--from" : "--to";
        if (!Missing && !V->empty() && (*V)[0] == '#') {
          // An event's position in `weft trace show`'s list (1-based).
          char *End = nullptr;
          unsigned long long N = std::strtoull(V->c_str() + 1, &End, 10);
          if (V->size() == 1 || *End || N == 0 || !std::isdigit((*V)[1]))
            return usageError(Cmd, std::string(Name) +
                                       " #N needs an event number from 1 "
                                       "(its line in `weft trace show`'s "
                                       "list), e.g. #12");
          (IsFrom ? P.Window.FromEvent : P.Window.ToEvent) = N;
          continue;
        }
        std::optional<uint64_t> Ns = Missing ? std::nullopt : parseMillis(*V);
        if (!Ns)
          return usageError(Cmd, std::string(Name) +
                                     " needs a time in milliseconds since the "
                                     "trace began (as `weft trace show` "
                                     "prints them), e.g. 12.5");
        (IsFrom ? P.Window.FromNs : P.Window.ToNs) = *Ns;
        continue;
      }
      if (auto V = optionValue(A, I, "--actors", Missing)) {
        if (Missing || V->empty())
          return usageError(Cmd, "--actors needs names, e.g. "
                                 "--actors=MainThread,Thread-1");
        std::string Name;
        for (char C : *V + ",")
          if (C == ',') {
            if (!Name.empty())
              P.Window.Actors.insert(Name);
            Name.clear();
          } else {
            Name += C;
          }
        continue;
      }
    }
    if (A[I].size() > 1 && A[I][0] == '-')
      return usageError(Cmd, "unknown option '" + A[I] + "'");
    if (!P.File.empty())
      return usageError(Cmd, "one trace file at a time");
    P.File = A[I];
  }
  if (P.File.empty())
    return usageError(Cmd, "no trace file given");
  if (P.Window.FromNs > P.Window.ToNs ||
      (P.Window.FromEvent && P.Window.ToEvent &&
       P.Window.FromEvent > P.Window.ToEvent))
    return usageError(Cmd, "--from is after --to");
  if ((P.Window.FromEvent && P.Window.FromNs) ||
      (P.Window.ToEvent && P.Window.ToNs != UINT64_MAX))
    return usageError(Cmd, "--from and --to: give a time or an event "
                           "number (#N) for each, not both");
  struct stat In, Out;
  if (!P.Out.empty() && stat(P.File.c_str(), &In) == 0 &&
      stat(P.Out.c_str(), &Out) == 0 && In.st_dev == Out.st_dev &&
      In.st_ino == Out.st_ino)
    return usageError(Cmd, "-o " + P.Out + " is the trace being read; "
                           "refusing to write over it");
  return std::nullopt;
}

void damageWarning(const std::string &Path, const trace::Trace &T) {
  if (!T.Damage.empty())
    std::cerr << "weft: warning: " << Path << ": " << T.Damage
              << " (the picture shows the events before it)\n";
}

/// Opens \p Path to be read as a stream (trace/EventSource.h: one file
/// streams; a run with processes is merged first).
bool open(const std::string &Path, trace::EventSource &R) {
  std::string Err;
  std::vector<std::string> Notes;
  if (!R.open(Path, Err, Notes)) {
    std::cerr << "weft: error: " << Path << ": " << Err << "\n";
    return false;
  }
  for (const std::string &N : Notes)
    std::cerr << "weft: note: " << N << "\n";
  damageWarning(Path, R.info());
  return true;
}

/// Reads the whole run of \p Path (all its processes' files) into \p T.
bool load(const std::string &Path, trace::Trace &T, bool Quiet = false) {
  std::string Err;
  std::vector<std::string> Notes;
  if (!trace::readRun(Path, T, Err, &Notes)) {
    std::cerr << "weft: error: " << (Quiet ? "cannot draw " : "") << Path
              << ": " << Err << "\n";
    return false;
  }
  if (!Quiet) {
    for (const std::string &N : Notes)
      std::cerr << "weft: note: " << N << "\n";
    damageWarning(Path, T);
  }
  return true;
}

/// Writes \p Text to \p Out (stdout when empty).
bool writeOut(const std::string &Out, const std::string &Text) {
  if (Out.empty()) {
    std::cout << Text;
    std::cout.flush();
    return bool(std::cout);
  }
  std::ofstream F(Out, std::ios::binary);
  F << Text;
  F.close();
  if (!F) {
    std::cerr << "weft: error: cannot write " << Out << "\n";
    return false;
  }
  return true;
}

/// `dot -Tsvg` of \p Dot, or nullopt (with a note) if Graphviz is missing
/// or fails.
std::optional<std::string> toSvg(const std::string &Dot) {
  std::string In = tempPath("weft-graph-", ".dot");
  std::string Svg = tempPath("weft-graph-", ".svg");
  {
    std::ofstream F(In);
    F << Dot;
  }
  ProcessOptions O;
  O.TimeoutSeconds = 60;
  ProcessResult R = runProcess({"dot", "-Tsvg", In, "-o", Svg}, O);
  std::remove(In.c_str());
  if (!R.Started || !R.Exited || R.ExitStatus != 0) {
    std::remove(Svg.c_str());
    note(R.Started ? "Graphviz's dot failed; writing DOT instead"
                   : "Graphviz's dot is not installed (Debian: apt install "
                     "graphviz); writing DOT instead");
    return std::nullopt;
  }
  std::ifstream F(Svg, std::ios::binary);
  std::stringstream S;
  S << F.rdbuf();
  std::remove(Svg.c_str());
  return S.str();
}

} // namespace

int traceExport(const Args &A) {
  PictureArgs P;
  if (auto Err = parse(A, "trace export", {"perfetto"}, P))
    return *Err;
  // Read as a stream: memory bounded by actors and objects, not events.
  trace::EventSource Reader;
  if (!open(P.File, Reader))
    return ExitUsage;
  const trace::Trace &T = Reader.info();
  for (const std::string &Name : P.Window.Actors) {
    bool Known = false;
    for (const auto &[Id, Info] : T.Actors)
      Known |= Info.Name == Name;
    if (!Known) {
      std::set<std::string> Names;
      for (const auto &[Id, Info] : T.Actors)
        Names.insert(Info.Name);
      std::string List;
      for (const std::string &N : Names)
        List += (List.empty() ? "" : ", ") + N;
      return usageError("trace", "--actors: no actor named '" + Name +
                                     "' in this trace (it has " + List + ")");
    }
  }
  // Written as it is made (a long trace's JSON is many times its size).
  std::ofstream File;
  if (!P.Out.empty()) {
    File.open(P.Out, std::ios::binary);
    if (!File) {
      std::cerr << "weft: error: cannot write " << P.Out << "\n";
      return ExitUsage;
    }
  }
  std::ostream &OS = P.Out.empty() ? std::cout : File;
  pictures::PerfettoWriter W(OS, T, P.Window);
  for (trace::Event E; Reader.next(E);)
    W.onEvent(E);
  W.finish();
  OS.flush();
  if (!OS) {
    std::cerr << "weft: error: cannot write "
              << (P.Out.empty() ? "the standard output" : P.Out) << "\n";
    return ExitUsage;
  }
  if (!P.Out.empty())
    note("wrote " + P.Out + " (open it at https://ui.perfetto.dev or "
                            "chrome://tracing)");
  return T.Damage.empty() ? ExitClean : ExitFindings;
}

int traceGraph(const Args &A) {
  PictureArgs P;
  if (auto Err = parse(A, "trace graph", {"dot", "svg"}, P))
    return *Err;
  // Read as a stream: the graphs are bounded by actors and locks.
  trace::EventSource Reader;
  if (!open(P.File, Reader))
    return ExitUsage;
  const trace::Trace &T = Reader.info();
  pictures::GraphsDotWriter Graphs(T);
  for (trace::Event E; Reader.next(E);)
    Graphs.onEvent(E);
  std::ostringstream OS;
  Graphs.write(OS);
  std::string Text = OS.str();
  if (P.Format == "svg")
    if (std::optional<std::string> Svg = toSvg(Text))
      Text = *Svg;
  if (!writeOut(P.Out, Text))
    return ExitUsage;
  if (!P.Out.empty())
    note("wrote " + P.Out);
  return T.Damage.empty() ? ExitClean : ExitFindings;
}

int cmdReport(const Args &A) {
  PictureArgs P;
  if (auto Err = parse(A, "report", {"html"}, P, "report", 0))
    return *Err;
  if (P.Out.empty())
    return usageError("report", "-o FILE.html is required (the page is "
                                "written to a file, to open in a browser)");
  trace::Trace T;
  if (!load(P.File, T))
    return ExitUsage;
  std::ostringstream OS;
  pictures::HtmlOptions O;
  O.TracePath = P.File;
  pictures::writeHtmlReport(OS, T, report::findingsInTrace(T), O);
  if (!writeOut(P.Out, OS.str()))
    return ExitUsage;
  note("wrote " + P.Out);
  return T.Damage.empty() ? ExitClean : ExitFindings;
}

bool writeRunPictures(const std::string &TracePath, const std::string &Dir) {
  trace::Trace T;
  if (!load(TracePath, T, /*Quiet=*/true))
    return false;
  std::string Stem = baseName(TracePath);
  if (Stem.size() > 7 && Stem.substr(Stem.size() - 7) == ".wtrace")
    Stem.resize(Stem.size() - 7);
  std::string Base = Dir + "/" + Stem;
  std::vector<report::Finding> Findings = report::findingsInTrace(T);
  std::ostringstream Html, Json, Dot;
  pictures::HtmlOptions O;
  O.TracePath = TracePath;
  pictures::writeHtmlReport(Html, T, Findings, O);
  pictures::writePerfetto(Json, T);
  pictures::writeGraphsDot(Dot, T);
  if (!writeOut(Base + ".html", Html.str()) ||
      !writeOut(Base + ".json", Json.str()) ||
      !writeOut(Base + ".dot", Dot.str()))
    return false;
  note("report: " + Base + ".html (timeline for Perfetto: " + Base +
       ".json; graphs: " + Base + ".dot)");
  return true;
}

} // namespace weft::cli
