//===- tools/weft/grade/Feedback.cpp - feedback.md and feedback.html ------===//
//
// What the student reads: the score, a table of the tests and rules, each
// failing test's details (the schedule, its trace, the commands), and each
// finding with the source lines around it; tests of visibility "hidden"
// are left out (the score counts them). The HTML page says the same,
// self-contained (inline style, no script, nothing fetched).
//===----------------------------------------------------------------------===//
#include "grade/Grader.h"

#include <fstream>
#include <sstream>

namespace weft::cli::grade {
namespace {

/// Lines \p Line-1 .. \p Line+1 of \p File: {number, text}.
std::vector<std::pair<unsigned, std::string>>
around(const std::string &SrcDir, const FindingItem &F) {
  std::vector<std::pair<unsigned, std::string>> Out;
  if (F.File.empty() || !F.Line || F.File.find("..") != std::string::npos)
    return Out;
  std::ifstream In(SrcDir + "/" + F.File);
  std::string L;
  for (unsigned N = 1; std::getline(In, L) && N <= F.Line + 1; ++N)
    if (N + 1 >= F.Line)
      Out.push_back({N, L});
  return Out;
}

std::string place(const FindingItem &F) {
  return F.File + (F.Line ? ":" + std::to_string(F.Line) : "");
}

std::string seenBy(const FindingItem &F) {
  return F.Origin == "static" ? "weft analyze" : F.Where;
}

std::string html(const std::string &S) {
  std::string R;
  for (char C : S)
    R += C == '<' ? "&lt;" : C == '>' ? "&gt;" : C == '&' ? "&amp;"
         : C == '"' ? "&quot;" : std::string(1, C);
  return R;
}

std::string markdown(const Spec &S, const SubmissionResult &R,
                     const std::string &Src) {
  std::ostringstream M;
  M << "# " << S.Name << ": " << R.Name << "\n\n**Score: " << num(R.Score)
    << " / " << num(R.Max) << "**\n\n";
  if (!R.Built) {
    M << "The submission did not build:\n\n```\n" << R.BuildLog << "```\n";
    return M.str();
  }
  M << "| test | status | score |\n|---|---|---|\n";
  for (const TestResult &T : R.Tests)
    if (T.Visibility != "hidden")
      M << "| " << T.Name << " | " << T.Status
      << (T.Reason.empty() ? "" : ": " + T.Reason) << " | " << num(T.Score)
      << " / " << num(T.Max) << " |\n";
  for (const TestResult &T : R.Tests) {
    if (T.Status == "passed" || T.IsRule || T.Visibility == "hidden")
      continue;
    M << "\n## " << T.Name << ": " << T.Status << "\n\n```\n" << T.Output
      << "```\n";
  }
  M << "\n## Findings\n\n";
  if (R.Findings.empty())
    M << "None: neither `weft analyze` nor the runs found anything.\n";
  for (const FindingItem &F : R.Findings) {
    M << "- `" << F.Rule << "` at " << place(F) << ": " << F.Message << " ("
      << seenBy(F) << ")\n";
    auto Lines = around(Src, F);
    if (Lines.empty())
      continue;
    M << "\n  ```\n";
    for (const auto &[N, L] : Lines)
      M << "  " << (N == F.Line ? "> " : "  ") << N << " | " << L << "\n";
    M << "  ```\n\n";
  }
  return M.str();
}

constexpr const char *Style =
    "body{font:15px/1.45 system-ui,sans-serif;max-width:60em;margin:2em auto;"
    "padding:0 1em;color:#222}table{border-collapse:collapse}"
    "td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}"
    ".passed{color:#176117}.failed,.crashed,.timed-out,.did-not-build"
    "{color:#a11}.flaky{color:#a55a00}pre{background:#f6f6f6;padding:.6em;"
    "overflow-x:auto}.hit{background:#ffe3a0;display:block}"
    "code{background:#f0f0f0;padding:0 .2em}";

std::string cls(const std::string &Status) {
  std::string C = Status;
  for (char &X : C)
    X = X == ' ' ? '-' : X;
  return C;
}

std::string page(const Spec &S, const SubmissionResult &R,
                 const std::string &Src) {
  std::ostringstream H;
  H << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
    << "<title>" << html(S.Name + ": " + R.Name) << "</title><style>" << Style
    << "</style></head><body>\n<h1>" << html(S.Name + ": " + R.Name)
    << "</h1>\n<p><strong>Score: " << num(R.Score) << " / " << num(R.Max)
    << "</strong></p>\n";
  if (!R.Built) {
    H << "<p class=\"did-not-build\">The submission did not build:</p>\n<pre>"
      << html(R.BuildLog) << "</pre>\n</body></html>\n";
    return H.str();
  }
  H << "<table><tr><th>test</th><th>status</th><th>score</th></tr>\n";
  for (const TestResult &T : R.Tests)
    if (T.Visibility != "hidden")
      H << "<tr><td>" << html(T.Name) << "</td><td class=\"" << cls(T.Status)
      << "\">" << html(T.Status + (T.Reason.empty() ? "" : ": " + T.Reason))
      << "</td><td>" << num(T.Score) << " / " << num(T.Max) << "</td></tr>\n";
  H << "</table>\n";
  for (const TestResult &T : R.Tests) {
    if (T.Status == "passed" || T.IsRule || T.Visibility == "hidden")
      continue;
    H << "<h2>" << html(T.Name) << ": <span class=\"" << cls(T.Status)
      << "\">" << html(T.Status) << "</span></h2>\n<pre>" << html(T.Output)
      << "</pre>\n";
  }
  H << "<h2>Findings</h2>\n";
  if (R.Findings.empty())
    H << "<p>None: neither <code>weft analyze</code> nor the runs found "
         "anything.</p>\n";
  else
    H << "<ul>\n";
  for (const FindingItem &F : R.Findings) {
    H << "<li><code>" << html(F.Rule) << "</code> at " << html(place(F))
      << ": " << html(F.Message) << " (" << html(seenBy(F)) << ")";
    auto Lines = around(Src, F);
    if (!Lines.empty()) {
      H << "<pre>";
      for (const auto &[N, L] : Lines)
        H << (N == F.Line ? "<span class=\"hit\">" : "") << N << " | "
          << html(L) << (N == F.Line ? "</span>" : "\n");
      H << "</pre>";
    }
    H << "</li>\n";
  }
  if (!R.Findings.empty())
    H << "</ul>\n";
  H << "</body></html>\n";
  return H.str();
}

} // namespace

bool writeFeedback(const Spec &S, const SubmissionResult &R,
                   const std::string &Dir, std::string &Err) {
  std::string Src = Dir + "/work/src";
  return saveFile(Dir + "/feedback.md", markdown(S, R, Src), Err) &&
         saveFile(Dir + "/feedback.html", page(S, R, Src), Err);
}

} // namespace weft::cli::grade
