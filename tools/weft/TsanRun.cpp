//===- tools/weft/TsanRun.cpp - running ThreadSanitizer programs ----------===//
//
// What `weft run` does differently for a program built with `weft c++
// --tsan` (docs/tsan.md):
//   - its stderr passes through weft (runProcess's CapturedStderr: forwarded
//     as it comes) so that a TSan start failure can be recognized;
//   - when TSan refused to start because of the address-space layout (ASLR;
//     "unexpected memory mapping" in older runtimes, "incompatible memory
//     layout" in LLVM 19 when its own re-exec did not help) and the program
//     wrote no trace (it never ran), the program is run again under
//     `setarch <arch> -R`, with a message.
//===----------------------------------------------------------------------===//
#include "TsanRun.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <poll.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

namespace weft::cli {
namespace {

/// The file execvp would run for \p Name.
std::string resolveProgram(const std::string &Name) {
  if (Name.find('/') != std::string::npos)
    return Name;
  const char *Path = std::getenv("PATH");
  std::string P = Path ? Path : "/usr/bin:/bin";
  size_t Start = 0;
  while (Start <= P.size()) {
    size_t End = P.find(':', Start);
    if (End == std::string::npos)
      End = P.size();
    std::string Dir = P.substr(Start, End - Start);
    std::string Full = (Dir.empty() ? "." : Dir) + "/" + Name;
    if (::access(Full.c_str(), X_OK) == 0)
      return Full;
    Start = End + 1;
  }
  return Name;
}

} // namespace

namespace {
/// True if the file execvp would run for \p Program contains \p Needle.
bool programContains(const std::string &Program, std::string_view Needle) {
  std::ifstream In(resolveProgram(Program), std::ios::binary);
  if (!In)
    return false;
  std::string Window;
  char Buf[1 << 16];
  while (In) {
    In.read(Buf, sizeof(Buf));
    std::streamsize N = In.gcount();
    if (N <= 0)
      break;
    Window.append(Buf, static_cast<size_t>(N));
    if (Window.find(Needle) != std::string::npos)
      return true;
    Window.erase(0, Window.size() - (Needle.size() - 1));
  }
  return false;
}
} // namespace

bool isTsanProgram(const std::string &Program) {
  return programContains(Program, "__tsan_init");
}

bool hasWeftRuntime(const std::string &Program) {
  // The name of the runtime's first setting (runtime/lib/core/Flags.def), a
  // string constant of every program that links the runtime's core; it
  // survives `strip`, unlike symbol names.
  return programContains(Program, "WEFT_TRACE");
}

bool tsanRefusedLayout(const std::string &Output) {
  if (Output.find("ThreadSanitizer") == std::string::npos)
    return false;
  if (Output.find("even though ASLR is disabled") != std::string::npos)
    return false; // setarch -R cannot help
  return Output.find("unexpected memory mapping") != std::string::npos ||
         Output.find("incompatible memory layout") != std::string::npos ||
         Output.find("memory layout is incompatible") != std::string::npos;
}

std::vector<std::string> withoutAslr(const std::vector<std::string> &Argv) {
  utsname U{};
  std::vector<std::string> Out{"setarch"};
  if (::uname(&U) == 0)
    Out.push_back(U.machine);
  Out.push_back("-R");
  Out.insert(Out.end(), Argv.begin(), Argv.end());
  return Out;
}

std::string readHead(const std::string &File) {
  constexpr size_t MaxCapture = 1 << 16;
  std::ifstream In(File, std::ios::binary);
  std::string S;
  char Buf[4096];
  while (In && S.size() < MaxCapture) {
    In.read(Buf, sizeof(Buf));
    S.append(Buf, static_cast<size_t>(In.gcount()));
  }
  return S;
}

} // namespace weft::cli
