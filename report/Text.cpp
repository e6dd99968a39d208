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

#include <filesystem>
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
  TextWriter(std::ostream &OS, bool Color, std::string Dir)
      : OS(OS), Color(Color), Dir(std::move(Dir)) {}

  void line(const Location &Loc, Severity Sev, std::string_view Message,
            std::string_view Rule) {
    bool HasLoc = !Loc.File.empty();
    if (HasLoc) {
      start(Bold);
      OS << displayPath(Loc.File, Dir);
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
  std::string Dir;
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
  TextWriter W(OS, O.Color, O.DisplayDir);
  for (const InputError &E : R.Errors) {
    if (E.File.empty())
      W.line(Location{}, Severity::Error, R.Tool + ": " + E.Message, "");
    else
      W.line(Location{E.File, E.Line, E.Column}, Severity::Error, E.Message,
             "");
  }
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

// ---- GitHub Actions annotations ---------------------------------------------

namespace weft::report {

namespace {
/// Workflow-command escaping: data escapes % CR LF; properties also : ,
std::string ghEscape(std::string_view S, bool Property) {
  std::string Out;
  for (char C : S) {
    switch (C) {
    case '%': Out += "%25"; break;
    case '\r': Out += "%0D"; break;
    case '\n': Out += "%0A"; break;
    case ':': Out += Property ? "%3A" : ":"; break;
    case ',': Out += Property ? "%2C" : ","; break;
    default: Out += C;
    }
  }
  return Out;
}

} // namespace

void renderGithub(std::ostream &OS, const Report &R, const RenderOptions &O) {
  for (const InputError &E : R.Errors) {
    OS << "::error";
    if (!E.File.empty()) {
      OS << " file=" << ghEscape(displayPath(E.File, O.BaseDir), true);
      if (E.Line)
        OS << ",line=" << E.Line;
      if (E.Column)
        OS << ",col=" << E.Column;
    }
    OS << (E.File.empty() ? " " : ",") << "title=" << ghEscape("weft: input error", true) << "::"
       << ghEscape(E.Message, false) << '\n';
  }
  for (const Finding &F : R.Findings) {
    std::string_view Kind = F.Sev == Severity::Error     ? "error"
                            : F.Sev == Severity::Warning ? "warning"
                                                         : "notice";
    OS << "::" << Kind;
    std::string Sep = " ";
    if (!F.Loc.File.empty()) {
      OS << " file=" << ghEscape(displayPath(F.Loc.File, O.BaseDir), true);
      if (F.Loc.Line)
        OS << ",line=" << F.Loc.Line;
      if (F.Loc.Column)
        OS << ",col=" << F.Loc.Column;
      Sep = ",";
    }
    OS << Sep << "title="
       << ghEscape("weft [" + std::string(ruleInfo(F.Rule).Id) + "]", true)
       << "::";
    std::string Msg = F.Message;
    for (const Related &N : F.Notes) {
      Msg += "\n";
      if (isPlace(N))
        Msg += displayPath(N.Loc.File, O.BaseDir) +
               (N.Loc.Line ? ":" + std::to_string(N.Loc.Line) : "") + ": ";
      Msg += N.Message;
    }
    OS << ghEscape(Msg, false) << '\n';
  }
}

} // namespace weft::report
