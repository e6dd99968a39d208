//===- report/Render.cpp - format choice, colour choice, normalization ----===//
#include "report/Render.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <tuple>
#include <unistd.h>

namespace weft::report {

std::optional<Format> parseFormat(std::string_view S) {
  if (S == "text")
    return Format::Text;
  if (S == "json")
    return Format::Json;
  if (S == "sarif")
    return Format::Sarif;
  if (S == "github")
    return Format::Github;
  return std::nullopt;
}

bool colorWanted(int Fd) {
  if (!::isatty(Fd))
    return false;
  if (const char *NoColor = std::getenv("NO_COLOR"); NoColor && *NoColor)
    return false;
  if (const char *Term = std::getenv("TERM");
      Term && std::string_view(Term) == "dumb")
    return false;
  return true;
}

void render(std::ostream &OS, Format F, const Report &R,
            const RenderOptions &O) {
  switch (F) {
  case Format::Text:
    renderText(OS, R, O);
    return;
  case Format::Json:
    renderJson(OS, R, O);
    return;
  case Format::Sarif:
    renderSarif(OS, R, O);
    return;
  case Format::Github:
    renderGithub(OS, R, O);
    return;
  }
}

std::string displayPath(const std::string &File, const std::string &Dir) {
  namespace fs = std::filesystem;
  if (File.empty())
    return File;
  std::error_code EC;
  fs::path Cwd = fs::current_path(EC);
  fs::path Base = Dir.empty() ? Cwd : fs::absolute(Dir, EC);
  Base = Base.lexically_normal();
  if (!Base.has_filename() && Base.has_parent_path() &&
      Base != Base.root_path())
    Base = Base.parent_path();
  fs::path P(File);
  if (P.is_relative())
    P = Cwd / P;
  P = P.lexically_normal();
  fs::path Rel = P.lexically_relative(Base);
  if (!Rel.empty() && *Rel.begin() != ".." && Rel != ".")
    return Rel.generic_string();
  return P.generic_string();
}

namespace {
bool sameNotes(const std::vector<Related> &A, const std::vector<Related> &B) {
  if (A.size() != B.size())
    return false;
  for (size_t I = 0; I < A.size(); ++I)
    if (A[I].Loc != B[I].Loc || A[I].Message != B[I].Message)
      return false;
  return true;
}

bool sameFinding(const Finding &A, const Finding &B) {
  return A.Rule == B.Rule && A.Sev == B.Sev && A.Message == B.Message &&
         A.Loc == B.Loc && A.Origin == B.Origin && sameNotes(A.Notes, B.Notes);
}
} // namespace

void normalize(Report &R) {
  auto Key = [](const Finding &F) {
    return std::tie(F.Loc.File, F.Loc.Line, F.Loc.Column, F.Rule, F.Message);
  };
  // Stable by index (std::stable_sort trips a libstdc++ 12 deprecation).
  std::vector<size_t> Order(R.Findings.size());
  for (size_t I = 0; I < Order.size(); ++I)
    Order[I] = I;
  std::sort(Order.begin(), Order.end(), [&](size_t A, size_t B) {
    const Finding &FA = R.Findings[A], &FB = R.Findings[B];
    return Key(FA) < Key(FB) || (Key(FA) == Key(FB) && A < B);
  });
  std::vector<Finding> Sorted;
  Sorted.reserve(Order.size());
  for (size_t I : Order)
    Sorted.push_back(std::move(R.Findings[I]));
  R.Findings = std::move(Sorted);
  // Exact duplicates share a key, so they sit in one run of equal keys.
  std::vector<Finding> Unique;
  Unique.reserve(R.Findings.size());
  size_t RunStart = 0;
  for (Finding &F : R.Findings) {
    if (!Unique.empty() && Key(Unique.back()) != Key(F))
      RunStart = Unique.size();
    bool Dup = false;
    for (size_t I = RunStart; I < Unique.size() && !Dup; ++I)
      Dup = sameFinding(Unique[I], F);
    if (!Dup)
      Unique.push_back(std::move(F));
  }
  R.Findings = std::move(Unique);
}

} // namespace weft::report
