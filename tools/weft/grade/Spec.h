//===- tools/weft/grade/Spec.h - an assignment's grading spec -------------===//
//
// What `weft grade` reads from ASSIGNMENT/assignment.toml (docs/grading.md):
// the tests (arguments, stdin, expected output, points, time limit,
// visibility), the rules whose findings cost points, the schedules to
// explore, the seed and the sandbox's limits.
//===----------------------------------------------------------------------===//
#ifndef WEFT_TOOLS_GRADE_SPEC_H
#define WEFT_TOOLS_GRADE_SPEC_H

#include <cstdint>
#include <string>
#include <vector>

namespace weft::cli::grade {

/// Limits on one build or run of student code (docs/grading.md, "Limits").
struct Limits {
  double CpuSeconds = 10;     // RLIMIT_CPU
  double WallSeconds = 10;    // killed after (a test's own `timeout` wins)
  uint64_t MemoryMB = 512;    // RLIMIT_AS (not under TSan)
  uint64_t Processes = 64;    // RLIMIT_NPROC (threads count)
  uint64_t FileSizeKB = 4096; // RLIMIT_FSIZE: any file, the output too
  uint64_t OutputKB = 256;    // stdout + stderr of one run
};

struct TestSpec {
  std::string Name;
  std::vector<std::string> Args;
  std::string Stdin;
  std::string Expected; // exact text, or a regular expression
  bool Regex = false;
  double Points = 1;
  double Timeout = 0;                // seconds; 0: Limits::WallSeconds
  std::string Visibility = "visible"; // Gradescope's values
  uint64_t Schedules = 0;            // explored schedules per run
};

/// A rule whose findings cost points: Points are lost when any finding of
/// Rule (from Origin: "static", "runtime" or "any") is reported.
struct RuleSpec {
  std::string Rule;
  std::string Origin = "any";
  double Points = 1;
  std::string Visibility = "visible";
};

/// "rule: missing-release", "rule: data-race (static)": its name in the
/// results and the gradebook.
inline std::string ruleTitle(const RuleSpec &R) {
  return "rule: " + R.Rule + (R.Origin == "any" ? "" : " (" + R.Origin + ")");
}

struct Spec {
  std::string Dir;  // the assignment directory
  std::string File; // its assignment.toml
  std::string Name;
  std::vector<std::string> Sources; // required files; empty: every .cpp/.cc
  std::vector<std::string> Flags;   // more compiler flags
  bool Tsan = false;
  bool Analyze = true; // run `weft analyze` (static findings)
  uint64_t Seed = 1;
  uint64_t Schedules = 20;
  uint64_t MaxSteps = 100000;
  double BuildSeconds = 120;
  Limits Run;
  std::vector<TestSpec> Tests;
  std::vector<RuleSpec> Rules;
};

/// Reads DIR/assignment.toml; false with a message naming the file and the
/// line on a bad spec.
bool loadSpec(const std::string &Dir, Spec &S, std::string &Err);

} // namespace weft::cli::grade

#endif
