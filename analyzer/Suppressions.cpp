//===- analyzer/Suppressions.cpp - weft-ignore comments, baselines --------===//
#include "analyzer/Suppressions.h"

#include <filesystem>
#include <fnmatch.h>
#include <fstream>
#include <regex>
#include <sstream>

namespace weft::analyzer {

namespace fs = std::filesystem;

static std::string absPath(const std::string &P) {
  std::error_code EC;
  fs::path A = fs::absolute(P, EC);
  return A.lexically_normal().generic_string();
}

static std::string trim(std::string S) {
  size_t B = S.find_first_not_of(" \t\r");
  size_t E = S.find_last_not_of(" \t\r");
  return B == std::string::npos ? "" : S.substr(B, E - B + 1);
}

bool Suppressions::loadFile(const std::string &Path, std::string &Error) {
  std::ifstream In(Path);
  if (!In) {
    Error = "cannot read suppressions file '" + Path + "'";
    return false;
  }
  std::string Line;
  unsigned N = 0;
  while (std::getline(In, Line)) {
    ++N;
    if (size_t H = Line.find('#'); H != std::string::npos)
      Line.resize(H);
    Line = trim(Line);
    if (Line.empty())
      continue;
    std::istringstream SS(Line);
    std::string Rule, Where;
    if (!(SS >> Rule >> Where)) {
      Error = Path + ":" + std::to_string(N) +
              ": expected 'RULE PATH[:LINE]'";
      return false;
    }
    if (Rule != "*" && !report::lookupRule(Rule, Error)) {
      Error = Path + ":" + std::to_string(N) + ": " + Error;
      return false;
    }
    Suppression S;
    S.Rules = {Rule};
    S.RuleUsed = {false};
    S.Origin = Path;
    S.OriginLine = N;
    if (size_t C = Where.rfind(':'); C != std::string::npos &&
                                     C + 1 < Where.size() &&
                                     Where.find_first_not_of(
                                         "0123456789", C + 1) ==
                                         std::string::npos) {
      S.Line = std::stoul(Where.substr(C + 1));
      Where.resize(C);
    }
    S.File = Where;
    List.push_back(std::move(S));
  }
  return true;
}

void Suppressions::scanSource(const std::string &File) {
  std::string Abs = absPath(File);
  if (!Scanned.emplace(Abs, true).second)
    return;
  std::ifstream In(File);
  if (!In)
    return;
  static const std::regex Re(R"(weft-ignore\(([^)]*)\))");
  std::string Line;
  unsigned N = 0;
  while (std::getline(In, Line)) {
    ++N;
    size_t C = Line.find("//");
    size_t B = Line.find("/*");
    size_t Start = std::min(C, B);
    if (Start == std::string::npos)
      continue;
    std::smatch M;
    std::string Comment = Line.substr(Start);
    if (!std::regex_search(Comment, M, Re))
      continue;
    Suppression S;
    std::stringstream SS(M[1].str());
    std::string R;
    size_t Column = Start + M.position(1) + 1;
    while (std::getline(SS, R, ',')) {
      std::string Rule = trim(R);
      std::string Error;
      if (Rule.empty()) {
        // nothing
      } else if (Rule != "*" && !report::lookupRule(Rule, Error)) {
        size_t Lead = R.find_first_not_of(" \t");
        Errors.push_back({File, "weft-ignore: " + Error, N,
                          static_cast<unsigned>(Column + Lead)});
      } else {
        S.Rules.push_back(Rule);
        S.RuleUsed.push_back(false);
      }
      Column += R.size() + 1;
    }
    if (S.Rules.empty())
      continue;
    S.File = Abs;
    S.Line = N;
    S.FromComment = true;
    S.Origin = File;
    S.OriginLine = N;
    List.push_back(std::move(S));
  }
}

bool Suppressions::matches(Suppression &S, const report::Finding &F,
                           const std::string &Abs) const {
  std::string_view Id = report::ruleInfo(F.Rule).Id;
  size_t Rule = S.Rules.size();
  for (size_t I = 0; I < S.Rules.size() && Rule == S.Rules.size(); ++I)
    if (S.Rules[I] == "*" || S.Rules[I] == Id)
      Rule = I;
  if (Rule == S.Rules.size())
    return false;
  if (!where(S, F, Abs))
    return false;
  S.RuleUsed[Rule] = true;
  return true;
}

bool Suppressions::where(const Suppression &S, const report::Finding &F,
                         const std::string &Abs) const {
  if (S.FromComment)
    return S.File == Abs && (F.Loc.Line == S.Line || F.Loc.Line == S.Line + 1);
  if (S.Line && S.Line != F.Loc.Line)
    return false;
  // The glob matches the whole path or a trailing part of it.
  std::string Pat = S.File;
  if (fnmatch(Pat.c_str(), Abs.c_str(), 0) == 0 ||
      fnmatch(Pat.c_str(), F.Loc.File.c_str(), 0) == 0)
    return true;
  return fnmatch(("*/" + Pat).c_str(), Abs.c_str(), 0) == 0;
}

void Suppressions::apply(report::Report &R) {
  for (const report::Finding &F : R.Findings)
    if (!F.Loc.File.empty())
      scanSource(F.Loc.File);
  std::vector<report::Finding> Kept;
  for (report::Finding &F : R.Findings) {
    std::string Abs = absPath(F.Loc.File);
    bool Suppressed = false;
    for (Suppression &S : List)
      if (matches(S, F, Abs)) {
        S.Used = true;
        Suppressed = true;
      }
    if (!Suppressed)
      Kept.push_back(std::move(F));
  }
  R.Findings = std::move(Kept);
}

std::vector<Suppression> Suppressions::unused() const {
  std::vector<Suppression> Out;
  for (const Suppression &S : List) {
    Suppression U = S;
    U.Rules.clear();
    for (size_t I = 0; I < S.Rules.size(); ++I)
      if (!S.RuleUsed[I])
        U.Rules.push_back(S.Rules[I]);
    if (!U.Rules.empty())
      Out.push_back(std::move(U));
  }
  return Out;
}

bool loadBaseline(const std::string &SarifPath,
                  std::map<std::string, unsigned> &Fingerprints,
                  std::string &Error) {
  std::ifstream In(SarifPath);
  if (!In) {
    Error = "cannot read baseline '" + SarifPath + "'";
    return false;
  }
  std::stringstream SS;
  SS << In.rdbuf();
  std::string Text = SS.str();
  if (Text.find("\"version\"") == std::string::npos ||
      Text.find("\"runs\"") == std::string::npos) {
    Error = "'" + SarifPath + "' is not a SARIF file";
    return false;
  }
  static const std::regex Re(R"re("weftFinding/v1"\s*:\s*"([0-9a-f]+)")re");
  for (std::sregex_iterator It(Text.begin(), Text.end(), Re), End; It != End;
       ++It)
    ++Fingerprints[(*It)[1]];
  return true;
}

size_t applyBaseline(report::Report &R,
                     std::map<std::string, unsigned> Fingerprints,
                     const report::RenderOptions &O) {
  std::vector<report::Finding> Kept;
  size_t Dropped = 0;
  for (report::Finding &F : R.Findings) {
    auto It = Fingerprints.find(report::fingerprint(F, O));
    if (It != Fingerprints.end() && It->second > 0) {
      --It->second;
      ++Dropped;
      continue;
    }
    Kept.push_back(std::move(F));
  }
  R.Findings = std::move(Kept);
  return Dropped;
}

} // namespace weft::analyzer
