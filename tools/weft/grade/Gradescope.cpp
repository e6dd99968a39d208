//===- tools/weft/grade/Gradescope.cpp - Gradescope's autograder layout ---===//
//
// `weft grade autograder --assignment DIR --out ZIPDIR` writes what
// Gradescope's "zip file upload" autograder wants: setup.sh (run once when
// the image is built) and run_autograder (run per submission), next to a
// copy of the assignment. run_autograder calls `weft grade --gradescope`,
// which reads /autograder/submission and writes
// /autograder/results/results.json (docs/grading.md, "Gradescope").
//===----------------------------------------------------------------------===//
#include "grade/Grader.h"

#include "Cli.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sys/stat.h>

namespace weft::cli::grade {
namespace fs = std::filesystem;

namespace {

constexpr const char *SetupSh = R"(#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image.
# It builds weft from the sources in /autograder/source/weft (copy a weft
# checkout there before zipping) with weft's own scripts/setup.sh, which
# installs the Debian packages weft needs (clang-19, bubblewrap, ...).
set -euo pipefail
cd /autograder/source/weft
bash scripts/setup.sh
ln -sf /autograder/source/weft/build/bin/weft /usr/local/bin/weft
)";

constexpr const char *RunAutograder = R"(#!/usr/bin/env bash
# Gradescope runs this for each submission: the student's files are in
# /autograder/submission, the results go to /autograder/results/results.json.
# Student code runs in weft's bubblewrap sandbox. Where the container cannot
# start it (no user namespaces), `weft grade` refuses; Gradescope already
# runs each submission in a container of its own, so adding
# --unsafe-no-sandbox below is then a choice you can make.
set -uo pipefail
weft grade --gradescope --assignment /autograder/source/assignment
)";

bool writeExecutable(const std::string &Path, const char *Text,
                     std::string &Err) {
  std::ofstream F(Path);
  F << Text;
  if (!F.flush()) {
    Err = "cannot write " + Path;
    return false;
  }
  chmod(Path.c_str(), 0755);
  return true;
}

} // namespace

int gradescopeFiles(const std::vector<std::string> &A) {
  std::string Assignment, Out;
  for (size_t I = 0; I < A.size(); ++I) {
    bool Missing = false;
    if (auto V = optionValue(A, I, "--assignment", Missing)) {
      if (Missing)
        return usageError("grade", "--assignment needs a directory");
      Assignment = *V;
      continue;
    }
    if (auto V = optionValue(A, I, "--out", Missing)) {
      if (Missing || V->empty())
        return usageError("grade", "--out needs a directory");
      Out = *V;
      continue;
    }
    return usageError("grade", "unexpected argument of autograder '" + A[I] +
                                   "'");
  }
  if (Assignment.empty() || Out.empty())
    return usageError("grade", "autograder needs --assignment DIR and --out DIR");
  Spec S;
  std::string Err;
  if (!loadSpec(Assignment, S, Err)) { // a bad spec fails here, not on Gradescope
    std::cerr << "weft: error: " << Err << "\n";
    return ExitUsage;
  }
  std::error_code EC;
  fs::create_directories(Out, EC);
  fs::remove_all(Out + "/assignment", EC);
  fs::copy(Assignment, Out + "/assignment", fs::copy_options::recursive, EC);
  if (EC) {
    std::cerr << "weft: error: cannot copy " << Assignment << " into " << Out
              << ": " << EC.message() << "\n";
    return ExitInternal;
  }
  if (!writeExecutable(Out + "/setup.sh", SetupSh, Err) ||
      !writeExecutable(Out + "/run_autograder", RunAutograder, Err)) {
    std::cerr << "weft: error: " << Err << "\n";
    return ExitInternal;
  }
  note("wrote " + Out + "/setup.sh, " + Out + "/run_autograder and " + Out +
       "/assignment; add a weft checkout as " + Out +
       "/weft and zip the directory's contents for Gradescope");
  return ExitClean;
}

} // namespace weft::cli::grade
