//===- analyzer/Analyzer.cpp - analyze(): files in, findings out ----------===//
//
// Parses each file with its own clang::tooling::ToolInvocation (not a
// ClangTool: that one prints "Error while processing" and "Skipping" lines
// on stderr), with every diagnostic going to a consumer that keeps the
// errors (--max-errors of them) and prints nothing. A file with errors
// becomes InputErrors and is not analyzed; the others still are. Each file
// runs under a CrashRecoveryContext: a file that crashes clang is reported
// (as an internal error) and the others are still analyzed. The facts of all files are
// gathered first, so that lock-order cycles spanning translation units are
// found, and the checks (checks/Checks.def) run once at the end.
//===----------------------------------------------------------------------===//
#include "analyzer/Analyzer.h"
#include "analyzer/ApiModel.h"
#include "analyzer/Lockset.h"
#include "analyzer/Races.h"
#include "analyzer/TuDriver.h"
#include "analyzer/UserCode.h"
#include "analyzer/checks/Checks.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <iostream>
#include <mutex>
#include <thread>

#ifndef WEFT_CLANG_RESOURCE_DIR
#define WEFT_CLANG_RESOURCE_DIR ""
#endif

namespace weft::analyzer {

using namespace clang;
using namespace clang::tooling;

namespace {

class LocksetConsumer : public ASTConsumer {
public:
  LocksetConsumer(const ApiModel &Model, ProgramFacts &Facts,
                  const std::string &SkipDir, std::mutex &FactsLock)
      : Model(Model), Facts(Facts), SkipDir(SkipDir), FactsLock(FactsLock) {}
  void HandleTranslationUnit(ASTContext &Ctx) override {
    // A broken file's AST is partial: better nothing than wrong facts.
    if (Ctx.getDiagnostics().hasErrorOccurred())
      return;
    // Parsing runs in parallel (-j); the facts are shared.
    std::unique_lock<std::mutex> G(FactsLock);
    // A crash below is recovered in ProcessFile: the lock is released then.
    llvm::CrashRecoveryContextCleanupRegistrar<
        std::unique_lock<std::mutex>,
        llvm::CrashRecoveryContextDestructorCleanup<
            std::unique_lock<std::mutex>>>
        Unlock(&G);
    NameCacheScope Names;
    std::string Dir = SkipDir;
    if (!Dir.empty() && Dir.back() != '/')
      Dir += '/';
    std::vector<const FunctionDecl *> Functions = userFunctions(Ctx, Dir);
    RaceCollector Races(Ctx, Model, Facts, Dir);
    Races.collect(Functions);
    analyzeTranslationUnit(Ctx, Model, Facts, SkipDir, &Races, &Functions);
    Races.finish();
  }

private:
  const ApiModel &Model;
  ProgramFacts &Facts;
  const std::string &SkipDir;
  std::mutex &FactsLock;
};

class LocksetAction : public ASTFrontendAction {
public:
  LocksetAction(const ApiModel &Model, ProgramFacts &Facts,
                const std::string &SkipDir, std::mutex &FactsLock)
      : Model(Model), Facts(Facts), SkipDir(SkipDir), FactsLock(FactsLock) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 llvm::StringRef) override {
    return std::make_unique<LocksetConsumer>(Model, Facts, SkipDir,
                                             FactsLock);
  }

private:
  const ApiModel &Model;
  ProgramFacts &Facts;
  const std::string &SkipDir;
  std::mutex &FactsLock;
};

/// Flags only GCC knows (compile_commands.json written for g++): clang
/// would stop with "unknown argument" (TOOLCHAIN.md T8).
bool gccOnly(llvm::StringRef A) {
  static const char *const Prefixes[] = {
      "-fconcepts-diagnostics-depth", "-fno-tree-", "-ftree-", "-fipa-",
      "-fno-ipa-", "-fcoroutines", "-fmodules-ts", "-fno-allow-store-data-races",
      "-fstrict-volatile-bitfields", "-fno-gnu-unique", "-fcompare-debug",
      "-fno-canonical-system-headers", "-fdiagnostics-urls", "-flto-partition",
      "-fsched-", "-fno-sched-", "-fvar-tracking", "-fno-var-tracking",
      "-mno-direct-extern-access", "-Wno-psabi"};
  for (const char *P : Prefixes)
    if (A.starts_with(P))
      return true;
  return false;
}

std::string absolute(const std::string &Path, const std::string &Dir) {
  llvm::SmallString<256> P(Path);
  if (!llvm::sys::path::is_absolute(P)) {
    if (Dir.empty())
      llvm::sys::fs::make_absolute(P);
    else
      llvm::sys::fs::make_absolute(Dir, P);
  }
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

} // namespace

bool analyze(const Options &Opts, report::Report &Out, std::string &Error) {
  ApiModel Model;
  ProgramFacts Facts;
  std::string SkipDir;
  if (!Opts.WeftIncludeDir.empty()) {
    SkipDir = absolute(Opts.WeftIncludeDir, "");
    if (!SkipDir.empty() && SkipDir.back() != '/')
      SkipDir += '/';
  }
  std::string ResourceDir =
      Opts.ResourceDir.empty() ? WEFT_CLANG_RESOURCE_DIR : Opts.ResourceDir;

  std::unique_ptr<CompilationDatabase> DB;
  if (!Opts.BuildDir.empty()) {
    std::string Msg;
    DB = CompilationDatabase::loadFromDirectory(Opts.BuildDir, Msg);
    if (!DB) {
      Out.Errors.push_back({Opts.BuildDir + "/compile_commands.json",
                            "cannot load the compilation database: " + Msg});
      return true;
    }
    // Headers and files not listed borrow a similar file's command.
    DB = inferMissingCompileCommands(std::move(DB));
  }

  std::vector<std::string> Files = Opts.Files;
  if (Files.empty() && DB) {
    Files = DB->getAllFiles();
    std::sort(Files.begin(), Files.end());
  }

  llvm::SmallString<256> Cwd;
  llvm::sys::fs::current_path(Cwd);

  // The adjusters every command goes through, in order.
  ArgumentsAdjuster Adjust = combineAdjusters(
      getClangStripOutputAdjuster(), getClangStripDependencyFileAdjuster());
  Adjust = combineAdjusters(Adjust, getClangSyntaxOnlyAdjuster());
  Adjust = combineAdjusters(
      Adjust, [](const CommandLineArguments &Args, llvm::StringRef) {
        CommandLineArguments R;
        for (const std::string &A : Args)
          if (!gccOnly(A))
            R.push_back(A);
        return R;
      });
  CommandLineArguments Extra;
  if (!Opts.WeftIncludeDir.empty()) {
    // weft's headers as system headers: never analyzed, never warned on.
    Extra.push_back("-isystem");
    Extra.push_back(Opts.WeftIncludeDir);
  }
  Extra.insert(Extra.end(), Opts.ExtraArgs.begin(), Opts.ExtraArgs.end());
  Extra.push_back("-w"); // clang's warnings are not weft's findings
  Adjust = combineAdjusters(
      Adjust, getInsertArgumentAdjuster(Extra, ArgumentInsertPosition::END));
  // The language of a file with no known extension: the -x after `--`,
  // else C++.
  std::string Language = Opts.Language;
  for (size_t I = 0; I < Opts.ExtraArgs.size(); ++I) {
    llvm::StringRef A = Opts.ExtraArgs[I];
    if (A == "-x" && I + 1 < Opts.ExtraArgs.size())
      Language = Opts.ExtraArgs[I + 1];
    else if (A.starts_with("-x") && A.size() > 2)
      Language = A.drop_front(2).str();
  }
  if (Language.empty())
    Language = "c++";
  Adjust = combineAdjusters(
      Adjust, [&Language](const CommandLineArguments &Args,
                          llvm::StringRef File) {
        for (const std::string &A : Args)
          if (llvm::StringRef(A).starts_with("-std=") ||
              llvm::StringRef(A).starts_with("--std"))
            return Args;
        CommandLineArguments R = Args;
        R.insert(R.begin() + 1,
                 isCFile(File, Language) ? "-std=gnu17" : "-std=c++20");
        return R;
      });
  // A file clang would take for a linker input ("expected exactly one
  // compiler job"): -x LANGUAGE just before it.
  Adjust = combineAdjusters(
      Adjust, [&Language](const CommandLineArguments &Args,
                          llvm::StringRef File) {
        std::string Forced = forcedLanguage(File, Language);
        if (Forced.empty())
          return Args;
        CommandLineArguments R;
        for (const std::string &A : Args) {
          if (A == File) {
            R.push_back("-x");
            R.push_back(Forced);
          }
          R.push_back(A);
        }
        return R;
      });
  std::string ErrorLimit = "-ferror-limit=" + std::to_string(Opts.MaxErrors);
  Adjust = combineAdjusters(
      Adjust, getInsertArgumentAdjuster(ErrorLimit.c_str(),
                                        ArgumentInsertPosition::END));
  if (!ResourceDir.empty())
    Adjust = combineAdjusters(
        Adjust,
        getInsertArgumentAdjuster(
            CommandLineArguments{"-resource-dir=" + ResourceDir},
            ArgumentInsertPosition::BEGIN));

  std::mutex FactsLock, ProgressLock;
  std::vector<std::vector<report::InputError>> FileErrors(Files.size());
  std::atomic<size_t> Next{0}, Done{0};
  auto ProcessFile = [&](size_t Index) {
    const std::string &File = Files[Index];
    std::vector<report::InputError> &Errors = FileErrors[Index];
    std::string Abs = absolute(File, "");
    CompileCommand Cmd;
    std::vector<CompileCommand> Cmds;
    if (DB)
      Cmds = DB->getCompileCommands(Abs);
    if (!Cmds.empty()) {
      Cmd = Cmds.front();
      // Name the file absolutely: findings then point at it wherever the
      // build directory is.
      std::string Listed = absolute(Cmd.Filename, Cmd.Directory);
      for (std::string &A : Cmd.CommandLine)
        if (A == Cmd.Filename)
          A = Listed;
      Cmd.Filename = Listed;
      if (isCFile(File, Language) && !Cmd.Heuristic.empty() &&
          !isCFile(Cmds.front().Heuristic, Language))
        borrowAsC(Cmd);
    } else {
      Cmd.Directory = std::string(Cwd);
      Cmd.Filename = File;
      Cmd.CommandLine = {isCFile(File, Language) ? "clang" : "clang++", File};
    }
    if (!llvm::sys::fs::exists(absolute(Cmd.Filename, Cmd.Directory))) {
      Errors.push_back({File, "no such file"});
      return;
    }
    CommandLineArguments Args = Adjust(Cmd.CommandLine, Cmd.Filename);

    llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS =
        llvm::vfs::createPhysicalFileSystem();
    FS->setCurrentWorkingDirectory(Cmd.Directory);
    llvm::IntrusiveRefCntPtr<FileManager> FM(
        new FileManager(FileSystemOptions(), FS));
    ErrorConsumer Diags(File, Opts.MaxErrors);
    bool Ok = false;
    llvm::CrashRecoveryContext Recovery;
    bool Survived = Recovery.RunSafely([&] {
      ToolInvocation Invocation(
          Args,
          std::make_unique<LocksetAction>(Model, Facts, SkipDir, FactsLock),
          FM.get());
      Invocation.setDiagnosticConsumer(&Diags);
      Ok = Invocation.run();
    });
    if (!Survived) {
      std::string How = "exit status " + std::to_string(Recovery.RetCode);
      if (Recovery.RetCode > 128) {
        int Sig = Recovery.RetCode - 128;
        const char *Abbrev = sigabbrev_np(Sig);
        How = Abbrev ? std::string("SIG") + Abbrev
                     : "signal " + std::to_string(Sig);
      }
      report::InputError E{File, "weft crashed while analyzing this file (" +
                                     How +
                                     "); the other files were analyzed"};
      E.Internal = true;
      Errors.push_back(std::move(E));
    } else if (Diags.Errors > 0) {
      Errors.insert(Errors.end(), Diags.Kept.begin(), Diags.Kept.end());
      if (Diags.Truncated)
        Errors.push_back(
            {File, "more errors not shown (--max-errors " +
                       std::to_string(Opts.MaxErrors) + "; 0 shows all)"});
    } else if (!Ok) {
      Errors.push_back({File, "clang could not process this file"});
    }
    size_t D = ++Done;
    if (Opts.Progress) {
      std::lock_guard<std::mutex> G(ProgressLock);
      std::cerr << "\r\033[K[" << D << "/" << Files.size() << "] " << File
                << std::flush;
    }
  };
  enableCrashRecovery();
  auto Worker = [&] {
    AltStack Stack;
    for (size_t I; (I = Next++) < Files.size();)
      ProcessFile(I);
  };
  unsigned Jobs = std::max(1u, std::min<unsigned>(Opts.Jobs, Files.size()));
  if (Jobs <= 1) {
    Worker();
  } else {
    std::vector<std::thread> Pool;
    for (unsigned I = 0; I < Jobs; ++I)
      Pool.emplace_back(Worker);
    for (std::thread &T : Pool)
      T.join();
  }
  if (Opts.Progress && !Files.empty())
    std::cerr << "\r\033[K" << std::flush;
  // Errors in the order the files were given, whatever finished first.
  for (auto &E : FileErrors)
    Out.Errors.insert(Out.Errors.end(), E.begin(), E.end());

  std::vector<report::Finding> Found = runChecks(Facts);
  Out.Findings.insert(Out.Findings.end(), Found.begin(), Found.end());
  (void)Error;
  return true;
}

} // namespace weft::analyzer
