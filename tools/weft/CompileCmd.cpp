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
#include <iterator>
#include <string_view>
#include <sys/stat.h>

namespace weft::cli {
namespace {

/// The compiler's options whose value is the next argument (so that it is
/// not taken for an input file).
constexpr std::string_view SeparateValue[] = {
    "-o", "-I", "-L", "-l", "-x", "-D", "-U", "-include", "-isystem",
    "-idirafter", "-iquote", "-MF", "-MT", "-MQ", "-Xlinker", "-Xclang",
    "-Xassembler", "-Xpreprocessor", "-target", "-arch", "-imacros",
    "--sysroot", "-isysroot", "-z", "-T", "-u", "-e"};

/// The first input file of \p A (an argument that is not an option or an
/// option's value) that does not exist; empty if all do. "-" is stdin.
std::string missingInput(const Args &A) {
  for (size_t I = 0; I < A.size(); ++I) {
    const std::string &S = A[I];
    if (std::find(std::begin(SeparateValue), std::end(SeparateValue), S) !=
        std::end(SeparateValue)) {
      ++I;
      continue;
    }
    if (S.empty() || S[0] == '-')
      continue;
    struct stat St;
    if (stat(S.c_str(), &St) != 0)
      return S;
  }
  return "";
}

} // namespace

namespace {

int compile(const std::string &Name, const Args &A, bool LangC) {
  if (A.empty())
    return usageError(Name, "no input files");
  if (A.size() == 1 && (A[0] == "--help" || A[0] == "-h"))
    return cmdHelp({Name});
  Args WithLang = A;
  if (LangC)
    WithLang.insert(WithLang.begin(), "--lang=c");
  std::vector<std::string> Cmd = compileCommand(WithLang);
  bool Inputs = std::any_of(A.begin(), A.end(), [](const std::string &S) {
    return S != "--tsan" && S != "--no-tsan" && S != "--plain" &&
           S != "--no-plain";
  });
  if (!Inputs)
    return usageError(Name, "no input files");
  if (std::string Missing = missingInput(A); !Missing.empty())
    return usageError(Name, "no such file: '" + Missing + "'");
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
  InterruptGuard Guard; // Ctrl-C stops the compiler too
  ProcessResult R = runProcess(Cmd, {});
  if (!R.Started) {
    std::cerr << "weft: error: " << R.StartError << "\n";
    return R.Interrupted ? 128 + R.Interrupted : ExitUsage;
  }
  if (R.Interrupted)
    return 128 + R.Interrupted;
  return R.shellStatus();
}

} // namespace

int cmdCompile(const Args &A) { return compile("c++", A, false); }
int cmdCompileC(const Args &A) { return compile("cc", A, true); }

} // namespace weft::cli
