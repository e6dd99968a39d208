//===- report/Text.cpp - clang-style text diagnostics ---------------------===//
//
//   file:line:col: warning: message [rule-id]
//   file:line:col: note: related message
//   2 warnings generated.
//
// Colours follow clang: bold location, magenta "warning:", red "error:",
// cyan "note:", bold message text for warnings and errors.
//===----------------------------------------------------------------------===//
#include "report/Render.h"

#include <ostream>

namespace weft::report {

namespace {
constexpr const char *Reset = "\033[0m";
constexpr const char *Bold = "\033[1m";
constexpr const char *Magenta = "\033[0;1;35m";
constexpr const char *Red = "\033[0;1;31m";
constexpr const char *Cyan = "\033[0;1;36m";

class TextWriter {
public:
  TextWriter(std::ostream &OS, bool Color) : OS(OS), Color(Color) {}

  void line(const Location &Loc, Severity Sev, std::string_view Message,
            std::string_view Rule) {
    bool HasLoc = !Loc.File.empty();
    if (HasLoc) {
      start(Bold);
      OS << Loc.File;
      if (Loc.Line != 0) {
        OS << ':' << Loc.Line;
        if (Loc.Column != 0)
          OS << ':' << Loc.Column;
      }
      OS << ": ";
    }
    start(Sev == Severity::Error     ? Red
          : Sev == Severity::Warning ? Magenta
                                     : Cyan);
    OS << severityName(Sev) << ": ";
    end();
    if (Sev != Severity::Note)
      start(Bold);
    OS << Message;
    if (!Rule.empty())
      OS << " [" << Rule << ']';
    end();
    OS << '\n';
  }

private:
  void start(const char *Code) {
    if (Color)
      OS << Code;
  }
  void end() {
    if (Color)
      OS << Reset;
  }

  std::ostream &OS;
  bool Color;
};

std::string plural(size_t N, std::string_view Word) {
  std::string S = std::to_string(N) + " " + std::string(Word);
  if (N != 1)
    S += 's';
  return S;
}
} // namespace

void renderText(std::ostream &OS, const Report &R, const RenderOptions &O,
                bool Summary) {
  TextWriter W(OS, O.Color);
  for (const InputError &E : R.Errors)
    W.line(Location{E.File.empty() ? R.Tool : E.File, 0, 0}, Severity::Error,
           E.Message, "");
  size_t Warnings = 0, Errors = 0;
  for (const Finding &F : R.Findings) {
    W.line(F.Loc, F.Sev, F.Message, ruleInfo(F.Rule).Id);
    for (const Related &N : F.Notes)
      W.line(N.Loc, Severity::Note, N.Message, "");
    if (F.Sev == Severity::Warning)
      ++Warnings;
    else if (F.Sev == Severity::Error)
      ++Errors;
  }
  if (!Summary || R.Findings.empty() || Warnings + Errors == 0)
    return;
  std::string Line;
  if (Warnings)
    Line = plural(Warnings, "warning");
  if (Warnings && Errors)
    Line += " and ";
  if (Errors)
    Line += plural(Errors, "error");
  OS << Line << " generated.\n";
}

} // namespace weft::report
