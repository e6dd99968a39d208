//===- analyzer/Analyzer.cpp - analyze(): files in, findings out ----------===//
//
// Parses each file with its own clang::tooling::ToolInvocation (not a
// ClangTool: that one prints "Error while processing" and "Skipping" lines
// on stderr), with every diagnostic going to a consumer that keeps the
// errors (--max-errors of them) and prints nothing. A file with errors
// becomes InputErrors and is not analyzed; the others still are. Each file
// runs under a CrashRecoveryContext: a file that crashes clang is reported
// (as an internal error) and the others are still analyzed. Each unit's
// facts go into its own ProgramFacts (the run's lock table lent to it) and
// its functions' summaries into a bank shared by the run: a call of a
// function defined in another unit applies that unit's summary. Units that
// saw a summary missing or since changed are analyzed again (a few
// rounds), then the facts of all units are merged in file order, so that
// lock-order cycles spanning translation units are found, and the checks
// (checks/Checks.def) run once at the end.
//===----------------------------------------------------------------------===//
#include "analyzer/Analyzer.h"
#include "analyzer/ApiModel.h"
#include "analyzer/Lockset.h"
#include "analyzer/LocksetState.h"
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
#include "llvm/Support/thread.h"

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

/// One translation unit's results: its facts (analyzed into their own
/// ProgramFacts, merged in file order at the end) and what it saw of the
/// other units' summaries.
struct Unit {
  ProgramFacts Facts;
  UnitLink Link;
  bool Analyzed = false;
  bool SaidOldC = false;
};

/// The state of one run shared by the units: the lock table (lent to the
/// unit being analyzed, so every unit's lock keys agree) and the bank of
/// summaries. Units are analyzed one at a time (Lock); parsing is parallel.
struct RunShared {
  LockTable Locks;
  lockset::SummaryBank Bank;
  std::mutex Lock;
};

/// Gives the lock table a unit borrowed back to the run.
struct LentLocks {
  ProgramFacts &Facts;
  RunShared &Run;
  ~LentLocks() { Run.Locks = std::move(Facts.Locks); }
};

class LocksetConsumer : public ASTConsumer {
public:
  LocksetConsumer(const ApiModel &Model, Unit &U, RunShared &Run,
                  const std::string &SkipDir)
      : Model(Model), U(U), Run(Run), SkipDir(SkipDir) {}
  void HandleTranslationUnit(ASTContext &Ctx) override {
    // A broken file's AST is partial: better nothing than wrong facts.
    if (Ctx.getDiagnostics().hasErrorOccurred())
      return;
    crashIfAsked(Ctx);
    // Units are analyzed one at a time (parsing is parallel); the unit
    // borrows the run's lock table and gives it back, also when a crash
    // below is recovered in ProcessFile (the cleanups run last-first:
    // the table goes back, then the lock is released).
    std::unique_lock<std::mutex> G(Run.Lock);
    llvm::CrashRecoveryContextCleanupRegistrar<
        std::unique_lock<std::mutex>,
        llvm::CrashRecoveryContextDestructorCleanup<
            std::unique_lock<std::mutex>>>
        Unlock(&G);
    U.Facts = ProgramFacts{};
    U.Link = UnitLink{&Run.Bank, {}};
    U.Facts.Locks = std::move(Run.Locks);
    LentLocks Lent{U.Facts, Run};
    llvm::CrashRecoveryContextCleanupRegistrar<
        LentLocks, llvm::CrashRecoveryContextDestructorCleanup<LentLocks>>
        GiveBack(&Lent);
    NameCacheScope Names;
    std::string Dir = SkipDir;
    if (!Dir.empty() && Dir.back() != '/')
      Dir += '/';
    std::vector<const FunctionDecl *> Functions = userFunctions(Ctx, Dir);
    RaceCollector Races(Ctx, Model, U.Facts, Dir);
    Races.collect(Functions);
    analyzeTranslationUnit(Ctx, Model, U.Facts, SkipDir, &Races, &Functions,
                           &U.Link);
    Races.finish();
    U.Analyzed = true;
  }

private:
  const ApiModel &Model;
  Unit &U;
  RunShared &Run;
  const std::string &SkipDir;
};

class LocksetAction : public ASTFrontendAction {
public:
  LocksetAction(const ApiModel &Model, Unit &U, RunShared &Run,
                const std::string &SkipDir)
      : Model(Model), U(U), Run(Run), SkipDir(SkipDir) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 llvm::StringRef) override {
    return std::make_unique<LocksetConsumer>(Model, U, Run, SkipDir);
  }

private:
  const ApiModel &Model;
  Unit &U;
  RunShared &Run;
  const std::string &SkipDir;
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

/// Stack of each worker thread (virtual; committed as used).
constexpr unsigned WorkerStackBytes = 1u << 30;

/// Rounds of analyzing again the units whose callees' summaries changed.
constexpr unsigned MaxSummaryRounds = 3;

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
  // clang's warnings are not weft's findings (-w). C: what clang 19 rejects
  // but GCC-compatible C accepts (implicit int, implicit function
  // declarations, int <-> pointer conversions) is analyzed anyway; the
  // first two stay warnings, so that the file can be said to be old C.
  Adjust = combineAdjusters(
      Adjust, [&Language](const CommandLineArguments &Args,
                  llvm::StringRef File) {
        CommandLineArguments R = Args;
        bool C = isCFile(File, Language);
        for (const std::string &A : Args)
          if (A == "-x" || A == "c" || A == "c++")
            C = A == "c" ? true : A == "c++" ? false : C;
        // Right after the compiler's name: a command may end with
        // `-- FILE`, after which nothing is an option.
        if (!C) {
          R.insert(R.begin() + 1, "-w");
          return R;
        }
        R.insert(R.begin() + 1,
                 {"-Wno-everything", "-Wimplicit-int",
                  "-Wimplicit-function-declaration", "-Wno-error=implicit-int",
                  "-Wno-error=implicit-function-declaration",
                  "-Wno-error=int-conversion",
                  "-Wno-error=incompatible-function-pointer-types",
                  "-Wno-error=return-type"});
        return R;
      });
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

  RunShared Run;
  std::mutex ProgressLock;
  std::vector<std::vector<report::InputError>> FileErrors(Files.size());
  std::vector<Unit> Units(Files.size());
  std::atomic<size_t> Done{0};
  auto ProcessFile = [&](size_t Index) {
    const std::string &File = Files[Index];
    std::vector<report::InputError> &Errors = FileErrors[Index];
    Errors.clear();
    Units[Index].Analyzed = false;
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
          std::make_unique<LocksetAction>(Model, Units[Index], Run, SkipDir),
          FM.get());
      Invocation.setDiagnosticConsumer(&Diags);
      Ok = Invocation.run();
    });
    if (Diags.OldC && !Units[Index].SaidOldC) {
      Units[Index].SaidOldC = true;
      std::lock_guard<std::mutex> G(ProgressLock);
      std::cerr << "weft: note: " << File
                << ": old C (implicit int or implicit function declarations) "
                   "analyzed as GCC-compatible C would\n";
    }
    if (!Survived) {
      Units[Index].Analyzed = false; // its facts may be partial
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
    size_t D = std::min(++Done, Files.size()); // again: stays at the end
    if (Opts.Progress) {
      std::lock_guard<std::mutex> G(ProgressLock);
      std::cerr << "\r\033[K[" << D << "/" << Files.size() << "] " << File
                << std::flush;
    }
  };
  enableCrashRecovery();
  auto RunAll = [&](const std::vector<size_t> &Which) {
    std::atomic<size_t> Next{0};
    auto Worker = [&] {
      AltStack Stack; // crash handlers run on it (a stack overflow)
      for (size_t I; (I = Next++) < Which.size();)
        ProcessFile(Which[I]);
    };
    // Workers get a large stack: a function of thousands of else-if arms
    // is a tree thousands deep, and the AST visitors recurse down it
    // (only the pages touched are committed).
    unsigned Jobs = std::max(1u, std::min<unsigned>(Opts.Jobs, Which.size()));
    std::vector<llvm::thread> Pool;
    for (unsigned I = 0; I < Jobs; ++I)
      Pool.emplace_back(std::optional<unsigned>(WorkerStackBytes), Worker);
    for (llvm::thread &T : Pool)
      T.join();
  };
  std::vector<size_t> All(Files.size());
  for (size_t I = 0; I < All.size(); ++I)
    All[I] = I;
  RunAll(All);
  // Units that called a function of another unit before that unit had left
  // its summary (or whose summary has changed since) are analyzed again;
  // a few rounds settle summaries that depend on each other.
  for (unsigned Round = 0; Round < MaxSummaryRounds; ++Round) {
    std::vector<size_t> Again;
    for (size_t I = 0; I < Units.size(); ++I) {
      if (!Units[I].Analyzed)
        continue;
      for (const auto &[Id, Sig] : Units[I].Link.Seen) {
        if (Run.Bank.observe(Id) != Sig) {
          Again.push_back(I);
          break;
        }
      }
    }
    if (Again.empty())
      break;
    RunAll(Again);
  }
  Facts.Locks = std::move(Run.Locks);
  for (Unit &U : Units)
    if (U.Analyzed)
      appendFacts(Facts, std::move(U.Facts));
  // Errors in the order the files were given, whatever finished first.
  for (auto &E : FileErrors)
    Out.Errors.insert(Out.Errors.end(), E.begin(), E.end());

  std::vector<report::Finding> Found = runChecks(Facts);
  Out.Findings.insert(Out.Findings.end(), Found.begin(), Found.end());
  (void)Error;
  return true;
}

} // namespace weft::analyzer
