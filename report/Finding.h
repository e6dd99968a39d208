//===- report/Finding.h - findings as data --------------------------------===//
//
// Header-only data types shared by every producer of findings (detect/, the
// runtime, the analyzer) and the renderers in report/Render.h. Producers
// never print; only the renderers turn findings into text.
//
//===----------------------------------------------------------------------===//
#ifndef WEFT_REPORT_FINDING_H
#define WEFT_REPORT_FINDING_H

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace weft::report {

enum class Severity : uint8_t { Note = 0, Warning = 1, Error = 2 };

enum class RuleId : uint8_t {
#define WEFT_RULE(Name, Id, Sev, Summary, Help) Name,
#include "report/Rules.def"
  NumRules
};

struct RuleInfo {
  std::string_view Id;
  Severity DefaultSeverity;
  std::string_view Summary;
  std::string_view Help;
};

inline const RuleInfo &ruleInfo(RuleId R) {
  static constexpr RuleInfo Infos[] = {
#define WEFT_RULE(Name, Id, Sev, Summary, Help)                                \
  {Id, Severity::Sev, Summary, Help},
#include "report/Rules.def"
  };
  return Infos[static_cast<size_t>(R)];
}

inline std::optional<RuleId> ruleByName(std::string_view Id) {
  for (size_t I = 0; I < static_cast<size_t>(RuleId::NumRules); ++I)
    if (ruleInfo(static_cast<RuleId>(I)).Id == Id)
      return static_cast<RuleId>(I);
  return std::nullopt;
}

/// "deadlock, lock-order-inversion, ...": every rule id of Rules.def, in
/// its order, for messages that name the known rules.
inline std::string knownRules() {
  std::string S;
  for (size_t I = 0; I < static_cast<size_t>(RuleId::NumRules); ++I) {
    if (I)
      S += ", ";
    S += ruleInfo(static_cast<RuleId>(I)).Id;
  }
  return S;
}

/// The one lookup of a rule name given by a user (weft-ignore comments,
/// suppressions files, `weft explore --rule`): the rule, or nullopt with
/// \p Error set to "unknown rule 'X' (known rules: ...)".
inline std::optional<RuleId> lookupRule(std::string_view Id,
                                        std::string &Error) {
  if (auto R = ruleByName(Id))
    return R;
  Error = "unknown rule '" + std::string(Id) +
          "' (known rules: " + knownRules() + ")";
  return std::nullopt;
}

inline std::string_view severityName(Severity S) {
  switch (S) {
  case Severity::Note: return "note";
  case Severity::Warning: return "warning";
  case Severity::Error: return "error";
  }
  return "warning";
}

/// A source position. Line 0 means unknown; Column 0 means "whole line".
struct Location {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
  bool operator==(const Location &) const = default;
};

/// A related location with its explanation ("lock1 acquired here").
struct Related {
  Location Loc;
  std::string Message;
};

struct Finding {
  RuleId Rule = RuleId::Deadlock;
  Severity Sev = Severity::Warning;
  std::string Message;
  Location Loc;
  std::vector<Related> Notes;
  /// Optional code flow (SARIF codeFlows): the steps in execution order,
  /// e.g. the two accesses of a race or the edges of a lock cycle.
  std::vector<Related> Flow;
  /// "static" (analyzer) or "runtime" (a run or a trace).
  std::string Origin;
};

/// A problem with the input rather than with the program (a file that does
/// not parse, a missing file). Reported beside the findings.
struct InputError {
  std::string File;
  std::string Message;
  /// Where in File, when known (a compiler error; a bad line of a
  /// suppressions file). 0: the file as a whole.
  unsigned Line = 0;
  unsigned Column = 0;
  /// weft failed on this file (a crash), not the input: exit status 3.
  bool Internal = false;
};

struct Report {
  std::string Tool = "weft";
  std::vector<Finding> Findings;
  std::vector<InputError> Errors;
};

/// Makes a finding with the rule's default severity.
inline Finding makeFinding(RuleId R, std::string Message, Location Loc,
                           std::string Origin) {
  Finding F;
  F.Rule = R;
  F.Sev = ruleInfo(R).DefaultSeverity;
  F.Message = std::move(Message);
  F.Loc = std::move(Loc);
  F.Origin = std::move(Origin);
  return F;
}

} // namespace weft::report

#endif
