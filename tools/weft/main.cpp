//===- tools/weft/main.cpp - the weft command line ------------------------===//
//
// Dispatches to the commands of Commands.def; each lives in its own file.
//===----------------------------------------------------------------------===//
#include "Cli.h"

#include <iostream>
#include <string_view>

using namespace weft::cli;

namespace {
struct Command {
  std::string_view Name;
  int (*Handler)(const Args &);
  std::string_view Usage, Summary, Details;
};
const Command Commands[] = {
#define WEFT_COMMAND(Name, Handler, Usage, Summary, Details)                   \
  {Name, Handler, Usage, Summary, Details},
#include "Commands.def"
};

void printOverview(std::ostream &OS) {
  OS << "weft " WEFT_VERSION
        " - find concurrency bugs: deadlocks, lock-order inversions,\n"
        "missing releases and double acquires, statically and at run time.\n\n"
        "usage: weft COMMAND [ARGS...]\n\ncommands:\n";
  for (const Command &C : Commands) {
    OS << "  " << C.Name;
    for (size_t I = C.Name.size(); I < 10; ++I)
      OS << ' ';
    OS << C.Summary << "\n";
  }
  OS << "\n'weft help COMMAND' describes one command. Documentation: docs/ in "
        "the weft sources\n(docs/cli.md, docs/python-mapping.md, docs/rules/).\n";
}
} // namespace

namespace weft::cli {
int cmdHelp(const Args &A) {
  if (A.empty()) {
    printOverview(std::cout);
    return ExitClean;
  }
  for (const Command &C : Commands)
    if (C.Name == A[0]) {
      std::cout << "usage: " << C.Usage << "\n\n" << C.Summary << ".\n";
      if (!C.Details.empty())
        std::cout << "\n" << C.Details << "\n";
      return ExitClean;
    }
  return usageError("", "unknown command '" + A[0] + "'");
}
} // namespace weft::cli

int main(int argc, char **argv) {
  if (argc < 2) {
    printOverview(std::cerr);
    return ExitUsage;
  }
  std::string_view Cmd = argv[1];
  Args Rest(argv + 2, argv + argc);
  if (Cmd == "--version" || Cmd == "version") {
    std::cout << "weft " WEFT_VERSION << "\n";
    return ExitClean;
  }
  if (Cmd == "--help" || Cmd == "-h")
    return cmdHelp({});
  for (const Command &C : Commands)
    if (C.Name == Cmd) {
      // `weft CMD --help` is the same as `weft help CMD`.
      if (!Rest.empty() && (Rest[0] == "--help" || Rest[0] == "-h") &&
          Cmd != "c++")
        return cmdHelp({std::string(Cmd)});
      try {
        return C.Handler(Rest);
      } catch (const UsageError &E) {
        return usageError(C.Name, E.what());
      }
    }
  return usageError("", "unknown command '" + std::string(Cmd) + "'");
}
