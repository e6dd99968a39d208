//===- tools/weft/grade/Grader.h - grade one submission -------------------===//
//
// A submission is built (`weft c++` in the sandbox), analyzed (`weft
// analyze` in the sandbox), and each test is run natively and under the
// spec's schedules (controlled scheduler, seeds from the spec's seed, the
// submission's and the test's names). Each test is then classified:
// passed, failed, flaky (fails under some schedules or runs only: a
// concurrency bug), timed out, crashed, or did not build. The writers of
// results.json, the gradebook and the feedback read a SubmissionResult.
//===----------------------------------------------------------------------===//
#ifndef WEFT_TOOLS_GRADE_GRADER_H
#define WEFT_TOOLS_GRADE_GRADER_H

#include "grade/Sandbox.h"
#include "grade/Spec.h"

#include <string>
#include <vector>

namespace weft::cli::grade {

/// A finding of the analyzer or of a run, as the feedback shows it.
struct FindingItem {
  std::string Rule;
  std::string Origin; // "static" or "runtime"
  std::string File;   // relative to the submission
  unsigned Line = 0;
  std::string Message; // its first line
  std::string Where;   // "test 'x', schedule random:5" for a runtime one
};

struct TestResult {
  std::string Name;
  std::string Status; // passed, failed, flaky, timed out, crashed, did not build
  std::string Reason; // one line: why it is not passed
  std::string Output; // the details shown to the student
  std::string Visibility;
  double Score = 0, Max = 0;
  bool IsRule = false;
  std::string Trace;    // a failing schedule's trace (relative to OUT)
  std::string Picture;  // its HTML report (`weft report`), relative to OUT
  std::string Replay;   // `weft replay ...` for it
  std::string RunAgain; // `weft run --schedule=... ./prog ARGS`
};

struct SubmissionResult {
  std::string Name;
  bool Built = false;
  std::string BuildLog;
  std::vector<TestResult> Tests; // the spec's tests, then its rules
  std::vector<FindingItem> Findings;
  double Score = 0, Max = 0;
  double Seconds = 0;
};

/// A submission given on the command line: a directory of sources or one
/// source file; Name is the directory's name or the file's stem.
struct Submission {
  std::string Path;
  std::string Name;
};

/// Grades \p Sub into OUT/NAME (its scratch directory, traces and logs).
/// Paths in the result are relative to \p Out.
SubmissionResult gradeSubmission(const Spec &S, const Submission &Sub,
                                 const std::string &Out, const Sandbox &Box);

/// Writers (Outputs.cpp). Each returns false with \p Err on a write error.
bool writeResultsJson(const SubmissionResult &R, const std::string &Path,
                      std::string &Err);
/// OUT/NAME/feedback.md and feedback.html (Feedback.cpp); \p Dir is
/// OUT/NAME (the sources are in Dir/work/src).
bool writeFeedback(const Spec &S, const SubmissionResult &R,
                   const std::string &Dir, std::string &Err);
/// Shared by the writers (Outputs.cpp): "4", "0.5"; a test's output with
/// its class first; a file written whole or not at all.
std::string num(double V);
std::string testOutput(const TestResult &T);
bool saveFile(const std::string &Path, const std::string &Text,
              std::string &Err);
/// The gradebook's columns: the tests', then the rules' names.
std::vector<std::string> gradebookColumns(const Spec &S);
bool writeGradebook(const std::vector<std::string> &Columns,
                    const std::vector<SubmissionResult> &All,
                    const std::string &Path, std::string &Err);
/// "racy: 8/16 (2 flaky, 1 passed; 1 rule(s) broken)".
std::string summaryLine(const SubmissionResult &R);

/// --shard I/N (Shard.cpp): "2/3" into I = 2, N = 3 (1 <= I <= N).
bool parseShard(const std::string &V, unsigned &I, unsigned &N);
/// Submission K of \p Total belongs to shard I of N.
inline bool inShard(size_t K, unsigned I, unsigned N) {
  return K % N == I - 1;
}
/// OUT/shard-I-of-N.toml: what `weft grade merge` needs of a shard.
bool writeShardFile(const std::string &Out, unsigned I, unsigned N,
                    size_t Total, const std::vector<std::string> &Columns,
                    const std::vector<size_t> &Indexes,
                    const std::vector<SubmissionResult> &Results,
                    std::string &Err);
/// `weft grade merge --out OUT DIR...`.
int gradeMerge(const std::vector<std::string> &A);
/// `weft grade autograder --assignment DIR --out DIR` (Gradescope.cpp).
int gradescopeFiles(const std::vector<std::string> &A);

/// The seed of schedule 0 of \p Test for \p Submission: a hash of the
/// spec's seed and the two names (a regrade explores the same schedules).
uint64_t scheduleSeed(uint64_t SpecSeed, const std::string &Submission,
                      const std::string &Test);

} // namespace weft::cli::grade

#endif
