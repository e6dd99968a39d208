//===- tools/weft/CompileCmd.cpp - `weft c++` -----------------------------===//
#include "Cli.h"

#include <iostream>

namespace weft::cli {

int cmdCompile(const Args &A) {
  if (A.empty())
    return usageError("c++", "no input files");
  if (A.size() == 1 && (A[0] == "--help" || A[0] == "-h"))
    return cmdHelp({"c++"});
  std::vector<std::string> Cmd = compileCommand(A);
  if (std::getenv("WEFT_VERBOSE")) {
    for (const std::string &S : Cmd)
      std::cerr << S << ' ';
    std::cerr << "\n";
  }
  ProcessResult R = runProcess(Cmd, {});
  if (!R.Started) {
    std::cerr << "weft: error: " << R.StartError << "\n";
    return ExitUsage;
  }
  return R.shellStatus();
}

} // namespace weft::cli
