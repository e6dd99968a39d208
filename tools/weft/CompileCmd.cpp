//===- tools/weft/CompileCmd.cpp - `weft c++` -----------------------------===//
//
// Compiles and links against the runtime. --tsan builds a ThreadSanitizer
// program (-fsanitize=thread, libweft_runtime_tsan.a): data races on plain
// memory become `data-race` findings (docs/tsan.md). Not the default: see
// docs/tsan.md, "Why --tsan is not the default".
//===----------------------------------------------------------------------===//
#include "Cli.h"

#include <algorithm>
#include <iostream>
#include <sys/stat.h>

namespace weft::cli {

int cmdCompile(const Args &A) {
  if (A.empty())
    return usageError("c++", "no input files");
  if (A.size() == 1 && (A[0] == "--help" || A[0] == "-h"))
    return cmdHelp({"c++"});
  std::vector<std::string> Cmd = compileCommand(A);
  bool Inputs = std::any_of(A.begin(), A.end(), [](const std::string &S) {
    return S != "--tsan" && S != "--no-tsan";
  });
  if (!Inputs)
    return usageError("c++", "no input files");
  const std::string TsanLib = tsanRuntimeLib();
  if (std::find(Cmd.begin(), Cmd.end(), TsanLib) != Cmd.end()) {
    struct stat St;
    if (stat(TsanLib.c_str(), &St) != 0) {
      std::cerr << "weft: error: the ThreadSanitizer runtime " << TsanLib
                << " is missing (build the weft_runtime_tsan target)\n";
      return ExitUsage;
    }
  }
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
