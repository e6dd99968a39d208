//===- analyzer/TuDriver.h - running one translation unit -----------------===//
//
// The pieces of analyze() that concern how a file is compiled and run, not
// what is analyzed: the language of a file, the flags of a C file that the
// compile database does not list, clang's errors as input errors, and crash
// recovery (a file that crashes clang becomes an error of that file; the
// others are still analyzed).
//===----------------------------------------------------------------------===//
#ifndef WEFT_ANALYZER_TUDRIVER_H
#define WEFT_ANALYZER_TUDRIVER_H

#include "report/Finding.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringRef.h"

#include <csignal>
#include <string>
#include <vector>

namespace weft::analyzer {

/// Keeps clang's errors (up to MaxErrors of them, 0: all) as input errors
/// with their places; prints nothing.
class ErrorConsumer : public clang::DiagnosticConsumer {
public:
  ErrorConsumer(const std::string &File, unsigned MaxErrors)
      : File(File), MaxErrors(MaxErrors) {}
  void HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                        const clang::Diagnostic &Info) override;
  const std::string &File;
  unsigned MaxErrors;
  unsigned Errors = 0;
  bool Truncated = false;
  /// The file is old C that clang 19 rejects and GCC accepts (implicit
  /// int, implicit function declarations), analyzed anyway.
  bool OldC = false;
  std::vector<report::InputError> Kept;
};

/// The language a file is parsed as when its extension says nothing:
/// \p Default (the -x of the command line, or "c++"). Empty for a known
/// extension clang handles itself.
std::string forcedLanguage(llvm::StringRef File, const std::string &Default);
/// A C file: by extension (.c, .i), or forced to C.
bool isCFile(llvm::StringRef File, const std::string &Default);
/// A C file whose command was borrowed from a C++ file of the database
/// (inferMissingCompileCommands picks the nearest name): the C++ driver
/// (its name or the --driver-mode=g++ the interpolation adds), -std=c++NN
/// and -x c++ would parse it as C++. Gives it C's.
void borrowAsC(clang::tooling::CompileCommand &Cmd);
/// Crash recovery for each file (llvm::CrashRecoveryContext): a file that
/// crashes clang (a long else-if chain overflows its stack) becomes an
/// error of that file. The handlers run on an alternate stack (AltStack),
/// or a stack overflow could not be caught. Once per process.
void enableCrashRecovery();

/// A test hook for crash recovery: when WEFT_ANALYZER_TEST_CRASH is set and
/// the main file of \p Ctx ends with its value, crashes (SIGSEGV) here, in
/// the middle of weft's own analysis. tests/cli/analyze-crash.test uses it:
/// clang's real crashers (a deep else-if chain) no longer crash on the
/// workers' large stacks.
void crashIfAsked(clang::ASTContext &Ctx);

/// This thread's alternate signal stack while it parses files.
class AltStack {
public:
  AltStack();
  ~AltStack();
  AltStack(const AltStack &) = delete;
  AltStack &operator=(const AltStack &) = delete;

private:
  static constexpr size_t Size = 256 * 1024;
  std::vector<char> Mem;
  stack_t Old{};
  bool Installed = false;
};

} // namespace weft::analyzer

#endif
