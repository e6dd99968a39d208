//===- analyzer/TuDriver.cpp - running one translation unit ---------------===//
#include "analyzer/TuDriver.h"

#include "clang/Basic/SourceManager.h"
#include "clang/Driver/Types.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/Path.h"

#include <csignal>
#include <cstdlib>
#include <mutex>

namespace weft::analyzer {

using namespace clang;
using namespace clang::tooling;

void ErrorConsumer::HandleDiagnostic(DiagnosticsEngine::Level Level,
                                   const Diagnostic &Info) {
  if (Level == DiagnosticsEngine::Warning) {
    // Old C (implicit int, implicit function declarations), downgraded
    // from clang 19's errors to GCC's warnings: said once per file.
    llvm::StringRef Opt = DiagnosticIDs::getWarningOptionForDiag(Info.getID());
    if (Opt == "implicit-int" || Opt == "implicit-function-declaration")
      OldC = true;
  }
  if (Level < DiagnosticsEngine::Error)
    return;
  if (Info.getID() == diag::fatal_too_many_errors) {
    Truncated = true;
    return;
  }
  llvm::SmallString<256> Msg;
  Info.FormatDiagnostic(Msg);
  // The driver complaining about another compiler's flags (T8) does not
  // stop the parse: not an error of the file.
  llvm::StringRef M = Msg;
  if (!Info.hasSourceManager() &&
      (M.starts_with("unknown argument") ||
       M.starts_with("unsupported option") ||
       M.starts_with("unsupported argument")))
    return;
  ++Errors;
  if (MaxErrors && Kept.size() >= MaxErrors) {
    Truncated = true;
    return;
  }
  report::InputError E{File, M.str()};
  if (Info.hasSourceManager() && Info.getLocation().isValid()) {
    const SourceManager &SM = Info.getSourceManager();
    PresumedLoc P =
        SM.getPresumedLoc(SM.getExpansionLoc(Info.getLocation()));
    if (P.isValid()) {
      if (llvm::StringRef(P.getFilename()) != File)
        E.Message += " (compiling " + File + ")";
      E.File = P.getFilename();
      E.Line = P.getLine();
      E.Column = P.getColumn();
    }
  }
  Kept.push_back(std::move(E));
}

/// The language a file is parsed as: its extension's, else \p Default
/// (the -x of the command line, or "c++"). Empty for a known extension
/// clang handles itself.
std::string forcedLanguage(llvm::StringRef File, const std::string &Default) {
  llvm::StringRef Ext = llvm::sys::path::extension(File);
  if (Ext.consume_front(".") &&
      driver::types::lookupTypeForExtension(Ext) != driver::types::TY_INVALID)
    return "";
  return Default;
}

bool isCFile(llvm::StringRef File, const std::string &Default) {
  std::string Forced = forcedLanguage(File, Default);
  if (!Forced.empty())
    return Forced == "c";
  llvm::StringRef Ext = llvm::sys::path::extension(File);
  return Ext == ".c" || Ext == ".i";
}

/// A C file whose command was borrowed from a C++ file of the database
/// (inferMissingCompileCommands picks the nearest name): the C++ driver
/// (its name or the --driver-mode=g++ the interpolation adds), -std=c++NN
/// and -x c++ would parse it as C++. Gives it C's.
void borrowAsC(CompileCommand &Cmd) {
  CommandLineArguments R;
  for (size_t I = 0; I < Cmd.CommandLine.size(); ++I) {
    llvm::StringRef A = Cmd.CommandLine[I];
    if (I == 0) {
      R.push_back("clang"); // C's driver mode, whatever compiled the C++
      continue;
    }
    if ((A.starts_with("-std=") || A.starts_with("--std=")) &&
        A.contains("++"))
      continue;
    if (A == "-x" && I + 1 < Cmd.CommandLine.size()) {
      ++I;
      continue;
    }
    if (A.starts_with("-x") && A.size() > 2)
      continue;
    if (A.starts_with("-stdlib=") || A.starts_with("--driver-mode="))
      continue;
    R.push_back(A.str());
  }
  Cmd.CommandLine = std::move(R);
}

/// Crash recovery for each file: one that crashes clang (a long else-if
/// chain overflows its stack) becomes an error of that file and the other
/// files are still analyzed. The handlers run on an alternate stack (see
/// AltStack), or a stack overflow could not be caught.
void enableCrashRecovery() {
  static std::once_flag Once;
  std::call_once(Once, [] {
    llvm::CrashRecoveryContext::Enable();
    for (int Sig : {SIGSEGV, SIGBUS, SIGILL, SIGFPE}) {
      struct sigaction SA;
      if (sigaction(Sig, nullptr, &SA) == 0 && SA.sa_handler != SIG_DFL) {
        SA.sa_flags |= SA_ONSTACK;
        sigaction(Sig, &SA, nullptr);
      }
    }
  });
}

AltStack::AltStack() : Mem(Size) {
  stack_t S{};
  S.ss_sp = Mem.data();
  S.ss_size = Size;
  Installed = sigaltstack(&S, &Old) == 0;
}

AltStack::~AltStack() {
  if (Installed)
    sigaltstack(&Old, nullptr);
}

void crashIfAsked(clang::ASTContext &Ctx) {
  const char *Want = std::getenv("WEFT_ANALYZER_TEST_CRASH");
  if (!Want || !*Want)
    return;
  const clang::SourceManager &SM = Ctx.getSourceManager();
  const clang::FileEntry *Main = SM.getFileEntryForID(SM.getMainFileID());
  if (Main && llvm::StringRef(Main->tryGetRealPathName()).ends_with(Want))
    std::raise(SIGSEGV);
}

} // namespace weft::analyzer
