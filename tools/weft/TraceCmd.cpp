//===- tools/weft/TraceCmd.cpp - `weft trace show|check` ------------------===//
#include "Cli.h"

#include "detect/Checker.h"
#include "report/TraceFindings.h"
#include "trace/Describe.h"
#include "trace/EventSource.h"
#include "trace/Trace.h"

#include <chrono>
#include <cinttypes>
#include <cstdlib>
#include <cstring>
#include <cstdio>
#include <iostream>
#include <map>
#include <sstream>
#include <unistd.h>

namespace weft::cli {
namespace {

using trace::objectText;
using trace::siteText;
std::string shortActor(const trace::Trace &T, uint32_t Id) {
  return trace::shortActorName(T, Id);
}

/// A progress line on stderr while a large trace is read: on a terminal
/// after 1 s (one line, redrawn), elsewhere after 10 s (a line every 10 s).
/// WEFT_PROGRESS_AFTER=SECONDS sets the delay (0: from the start).
class ReadProgress {
public:
  explicit ReadProgress(const std::string &Path) : Path(Path) {
    Tty = ::isatty(2) != 0;
    Delay = Tty ? 1.0 : 10.0;
    if (const char *E = std::getenv("WEFT_PROGRESS_AFTER"); E && *E)
      Delay = std::atof(E);
    Every = Tty ? 0.2 : 10.0;
    Start = Clock::now();
  }
  void operator()(uint64_t Done, uint64_t Total) {
    double Now = seconds();
    if (Now < Delay || (Shown && Now - LastShown < Every))
      return;
    unsigned Pct = Total ? unsigned(Done * 100 / Total) : 100;
    std::string Line = "weft: reading " + Path + ": " + std::to_string(Pct) +
                       "% of " + std::to_string(Total) + " records";
    std::cerr << (Tty ? "\r" + Line + "\033[K" : Line + "\n") << std::flush;
    Shown = true;
    LastShown = Now;
  }
  /// Ends the line (and says how long it took) if one was shown.
  void finish() {
    if (!Shown)
      return;
    char Took[64];
    std::snprintf(Took, sizeof Took, "%.1f s", seconds());
    std::cerr << (Tty ? "\r" : "") << "weft: read " << Path << " in " << Took
              << (Tty ? "\033[K\n" : "\n");
  }

private:
  using Clock = std::chrono::steady_clock;
  double seconds() const {
    return std::chrono::duration<double>(Clock::now() - Start).count();
  }
  std::string Path;
  bool Tty = false, Shown = false;
  double Delay = 0, Every = 0, LastShown = 0;
  Clock::time_point Start;
};

/// Opens \p Path for \p Progress's reader; says why not on stderr.
bool openSource(trace::EventSource &Source, const std::string &Path,
                ReadProgress &Progress) {
  std::string Err;
  std::vector<std::string> Notes;
  bool Ok = Source.open(Path, Err, Notes,
                        [&](uint64_t Done, uint64_t Total) {
                          Progress(Done, Total);
                        });
  if (!Ok) {
    Progress.finish();
    std::cerr << "weft: error: " << Path << ": " << Err << "\n";
    return false;
  }
  for (const std::string &N : Notes)
    std::cerr << "weft: note: " << N << "\n";
  return true;
}

void damageNote(const std::string &Path, const trace::Trace &T) {
  if (!T.Damage.empty())
    std::cerr << "weft: error: " << Path << ": " << T.Damage
              << " (events before it were read)\n";
}

/// A trace its writer never closed: the program crashed, was killed (or
/// is still running). Says so, with the last event of each actor: where
/// each one was when the program ended.
void uncleanNote(const std::string &Path, const trace::Trace &T,
                 uint64_t Events, const trace::LastEvents &Last) {
  std::cerr << "weft: error: " << Path
            << ": the program did not end cleanly (it crashed, was killed, "
               "or is still running); the trace holds "
            << Events << " event(s) up to then\n";
  for (const auto &[Actor, Q] : Last.byActor())
    std::cerr << "  last event of " << shortActor(T, Actor) << ": "
              << trace::eventText(T, Q.back().second) << "\n";
}

int show(const std::string &Path, bool Times) {
  trace::EventSource Reader;
  ReadProgress Progress(Path);
  if (!openSource(Reader, Path, Progress))
    return ExitUsage;
  const trace::Trace &T = Reader.info();
  const trace::FileHeader &H = T.Header;
  std::string Strategy(H.Strategy, strnlen(H.Strategy, sizeof H.Strategy));
  std::string Program(H.Program, strnlen(H.Program, sizeof H.Program));
  std::cout << "trace " << Path << "\n"
            << "program: " << Program;
  if (Times) // --no-times leaves out what differs between equal runs
    std::cout << " (pid " << H.Pid << ")";
  std::cout << "\nformat version " << H.Version << ", mode "
            << (H.RunMode == 1 ? "controlled" : "native") << ", schedule "
            << Strategy;
  if (H.RunMode == 1 && Strategy != "rr")
    std::cout << ", seed " << H.Seed;
  std::cout << "\n";
  if (T.closedCleanly())
    // The record count is the file's layout (how blocks were sealed, check
    // records), not the run: --no-times leaves it out with the times.
    std::cout << "closed cleanly"
              << (Times ? ", " + std::to_string(H.RecordCount) + " records"
                        : std::string())
              << "\n";
  else
    std::cout << "not closed cleanly (the program crashed, was killed, or is "
                 "still running)\n";
  std::cout << "\n";
  char Line[512];
  // --no-times: no time column (controlled runs have virtual times, which
  // are reproducible; native ones do not).
  const char *TimeCol = Times ? "%10s  " : "%.0s";
  std::snprintf(Line, sizeof Line, (std::string(TimeCol) + "%-14s %-15s %-36s %s\n").c_str(),
                "time ms", "actor", "event", "object", "site");
  std::cout << Line;
  size_t Shown = 0;
  report::FindingCollector Findings(T);
  for (trace::Event E; Reader.next(E);) {
    Findings.onEvent(E);
    const trace::EventInfo *Info = trace::eventInfo(E.Kind);
    if (!Info || Info->Cat != trace::Category::Sync)
      continue;
    char Time[32] = "";
    if (Times)
      std::snprintf(Time, sizeof Time, "%10.3f  ", E.TimeUs / 1000.0);
    std::snprintf(Line, sizeof Line, "%s%-14s %-15s %-36s %s\n", Time,
                  shortActor(T, E.Actor).c_str(),
                  std::string(Info->Name).c_str(), objectText(T, E).c_str(),
                  siteText(T, E.Site).c_str());
    std::cout << Line;
    ++Shown;
  }
  Progress.finish();
  std::cout << "(" << Shown << " events)\n";
  if (T.Holes)
    std::cout << T.Holes << " empty slot(s) left by writers that were killed\n";
  report::Report R;
  R.Findings = Findings.take();
  std::cout << "\n" << R.Findings.size() << " finding(s) recorded"
            << (R.Findings.empty() ? "" : ":") << "\n";
  std::cout.flush();
  if (!R.Findings.empty()) {
    report::RenderOptions O;
    report::renderText(std::cout, R, O, /*Summary=*/false);
  }
  damageNote(Path, T);
  return T.Damage.empty() ? ExitClean : ExitFindings;
}

int check(const std::string &Path, report::Format Fmt) {
  trace::EventSource Reader;
  ReadProgress Progress(Path);
  if (!openSource(Reader, Path, Progress))
    return ExitUsage;
  const trace::Trace &T = Reader.info();
  detect::TraceCheck Check(T);
  trace::LastEvents Last(1);
  size_t Position = 0;
  for (trace::Event E; Reader.next(E); ++Position) {
    Check.onEvent(E);
    Last.note(E, Position);
  }
  Progress.finish();
  report::Report R;
  R.Tool = "weft trace check";
  R.Findings = Check.take();
  report::normalize(R);
  emitReport(R, Fmt, "");
  damageNote(Path, T);
  bool Unclean = !T.closedCleanly();
  if (Unclean)
    uncleanNote(Path, T, Reader.eventCount(), Last);
  return R.Findings.empty() && T.Damage.empty() && !Unclean ? ExitClean
                                                           : ExitFindings;
}

} // namespace

int cmdTrace(const Args &A) {
  // `weft trace show --help`, `weft trace check -h`: the command's help.
  for (const std::string &Arg : A)
    if (Arg == "--help" || Arg == "-h")
      return cmdHelp({"trace"});
  if (A.empty())
    return usageError("trace", "expected show, check, export or graph");
  const std::string &Sub = A[0];
  if (Sub == "export") // TracePictures.cpp
    return traceExport(A);
  if (Sub == "graph")
    return traceGraph(A);
  report::Format Fmt = report::Format::Text;
  std::string File;
  bool Times = true;
  for (size_t I = 1; I < A.size(); ++I) {
    bool Missing = false;
    if (A[I] == "--no-times" && Sub == "show") {
      Times = false;
      continue;
    }
    if (auto V = optionValue(A, I, "--format", Missing)) {
      auto F = Missing ? std::nullopt : report::parseFormat(*V);
      if (!F)
        return usageError("trace", "--format needs text, json or sarif");
      Fmt = *F;
      continue;
    }
    if (A[I].size() > 1 && A[I][0] == '-')
      return usageError("trace", "unknown option '" + A[I] + "'");
    if (!File.empty())
      return usageError("trace", "one trace file at a time");
    File = A[I];
  }
  if (File.empty())
    return usageError("trace", "no trace file given");
  if (Sub == "show")
    return show(File, Times);
  if (Sub == "check")
    return check(File, Fmt);
  return usageError("trace", "unknown trace command '" + Sub +
                                 "' (expected show, check, export or graph)");
}

} // namespace weft::cli
