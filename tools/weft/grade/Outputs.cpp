//===- tools/weft/grade/Outputs.cpp - results.json, gradebook, feedback ---===//
//
// results.json follows Gradescope's autograder format (score, max_score,
// execution_time, tests[] with name, score, max_score, status, output,
// visibility); weft's own classification goes in each test's extra_data.
//===----------------------------------------------------------------------===//
#include "grade/Grader.h"

#include "report/JsonWriter.h"

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

namespace weft::cli::grade {

std::string num(double V) {
  char Buf[32];
  std::snprintf(Buf, sizeof Buf, "%g", V);
  return Buf;
}

bool saveFile(const std::string &Path, const std::string &Text,
              std::string &Err) {
  std::string Tmp = Path + ".tmp";
  {
    std::ofstream Out(Tmp, std::ios::binary);
    Out << Text;
    if (!Out.flush()) {
      Err = "cannot write " + Path;
      return false;
    }
  }
  if (std::rename(Tmp.c_str(), Path.c_str()) != 0) {
    Err = "cannot write " + Path;
    return false;
  }
  return true;
}

namespace {

bool save(const std::string &Path, const std::string &Text, std::string &Err) {
  return saveFile(Path, Text, Err);
}

std::string csvField(const std::string &S) {
  if (S.find_first_of(",\"\n\r") == std::string::npos)
    return S;
  std::string R = "\"";
  for (char C : S)
    R += C == '"' ? std::string("\"\"") : std::string(1, C);
  return R + "\"";
}

} // namespace

std::string testOutput(const TestResult &T) {
  std::string Head = T.Status;
  if (!T.Reason.empty() && T.Status != "did not build")
    Head += ": " + T.Reason;
  return Head + "\n" + T.Output;
}

bool writeResultsJson(const SubmissionResult &R, const std::string &Path,
                      std::string &Err) {
  std::ostringstream J;
  J << "{\n  \"score\": " << num(R.Score) << ",\n  \"max_score\": "
    << num(R.Max) << ",\n  \"execution_time\": "
    << static_cast<long long>(R.Seconds + 0.5) << ",\n  \"output\": ";
  report::writeJsonString(
      J, R.Built ? "graded by weft grade"
                 : "the submission did not build:\n" + R.BuildLog);
  J << ",\n  \"tests\": [";
  for (size_t I = 0; I < R.Tests.size(); ++I) {
    const TestResult &T = R.Tests[I];
    J << (I ? "," : "") << "\n    {\"name\": ";
    report::writeJsonString(J, T.Name);
    J << ", \"score\": " << num(T.Score) << ", \"max_score\": " << num(T.Max)
      << ", \"status\": \"" << (T.Status == "passed" ? "passed" : "failed")
      << "\", \"visibility\": ";
    report::writeJsonString(J, T.Visibility);
    J << ",\n     \"output\": ";
    report::writeJsonString(J, testOutput(T));
    J << ",\n     \"extra_data\": {\"weft_status\": ";
    report::writeJsonString(J, T.Status);
    if (!T.Trace.empty()) {
      J << ", \"trace\": ";
      report::writeJsonString(J, T.Trace);
      J << ", \"replay\": ";
      report::writeJsonString(J, T.Replay);
      if (!T.Picture.empty()) {
        J << ", \"picture\": ";
        report::writeJsonString(J, T.Picture);
      }
    }
    J << "}}";
  }
  J << "\n  ]\n}\n";
  return save(Path, J.str(), Err);
}

std::vector<std::string> gradebookColumns(const Spec &S) {
  std::vector<std::string> C;
  for (const TestSpec &T : S.Tests)
    C.push_back(T.Name);
  for (const RuleSpec &R : S.Rules)
    C.push_back(ruleTitle(R));
  return C;
}

bool writeGradebook(const std::vector<std::string> &Columns,
                    const std::vector<SubmissionResult> &All,
                    const std::string &Path, std::string &Err) {
  std::ostringstream C;
  C << "student";
  for (const std::string &Name : Columns)
    C << "," << csvField(Name);
  C << ",total,max\n";
  for (const SubmissionResult &R : All) {
    C << csvField(R.Name);
    for (const TestResult &T : R.Tests)
      C << "," << num(T.Score);
    C << "," << num(R.Score) << "," << num(R.Max) << "\n";
  }
  return save(Path, C.str(), Err);
}

std::string summaryLine(const SubmissionResult &R) {
  std::map<std::string, int> Count;
  int Broken = 0;
  for (const TestResult &T : R.Tests) {
    if (!T.IsRule)
      ++Count[T.Status];
    Broken += T.IsRule && T.Status == "failed";
  }
  std::string Summary;
  for (const auto &[St, N] : Count)
    Summary += (Summary.empty() ? "" : ", ") + std::to_string(N) + " " + St;
  return R.Name + ": " + num(R.Score) + "/" + num(R.Max) + " (" + Summary +
         (Broken ? "; " + std::to_string(Broken) + " rule(s) broken" : "") +
         ")";
}

} // namespace weft::cli::grade
