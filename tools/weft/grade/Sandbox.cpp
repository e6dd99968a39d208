//===- tools/weft/grade/Sandbox.cpp - bubblewrap + prlimit ----------------===//
#include "grade/Sandbox.h"

#include "RunProgram.h"

#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace weft::cli::grade {
namespace {

/// The user the sandbox runs as when weft runs as root (nobody).
constexpr uid_t SandboxUid = 65534;

std::vector<std::string> wrapper(const std::vector<std::string> &ReadOnly,
                                 const std::string &Scratch,
                                 uint64_t TmpBytes) {
  std::vector<std::string> W;
  if (geteuid() == 0)
    W = {"setpriv", "--reuid=" + std::to_string(SandboxUid),
         "--regid=" + std::to_string(SandboxUid), "--clear-groups", "--"};
  W.insert(W.end(), {"bwrap", "--unshare-all", "--die-with-parent",
                     "--new-session", "--cap-drop", "ALL", "--hostname",
                     "sandbox", "--ro-bind", "/usr", "/usr"});
  // /bin, /lib, ... as on this system: merged-/usr symlinks or directories.
  for (const char *D : {"/bin", "/sbin", "/lib", "/lib64", "/lib32"}) {
    std::error_code EC;
    auto St = std::filesystem::symlink_status(D, EC);
    if (EC)
      continue;
    if (std::filesystem::is_symlink(St))
      W.insert(W.end(), {"--symlink",
                         std::filesystem::read_symlink(D, EC).string(), D});
    else if (std::filesystem::is_directory(St))
      W.insert(W.end(), {"--ro-bind", D, D});
  }
  for (const char *F : {"/etc/ld.so.cache", "/etc/alternatives",
                        "/etc/localtime"})
    W.insert(W.end(), {"--ro-bind-try", F, F});
  W.insert(W.end(), {"--dev", "/dev", "--proc", "/proc", "--size",
                     std::to_string(TmpBytes), "--tmpfs", "/tmp"});
  for (const std::string &P : ReadOnly)
    W.insert(W.end(), {"--ro-bind", P, P});
  if (!Scratch.empty())
    W.insert(W.end(), {"--bind", Scratch, Scratch, "--chdir", Scratch});
  W.push_back("--");
  return W;
}

} // namespace

std::string selfExe() {
  char Buf[PATH_MAX];
  ssize_t N = readlink("/proc/self/exe", Buf, sizeof Buf - 1);
  return N > 0 ? std::string(Buf, static_cast<size_t>(N)) : "weft";
}

Sandbox::Sandbox(bool Enabled) : Enabled(Enabled) {
  const Toolchain &T = toolchain();
  for (const std::string &P :
       {T.IncludeDir, T.RuntimeLib, tsanRuntimeLib(), selfExe()}) {
    struct stat St;
    if (!P.empty() && stat(P.c_str(), &St) == 0)
      ReadOnly.push_back(P);
  }
}

std::string Sandbox::probe() const {
  if (!Enabled)
    return "";
  std::string Log = tempPath("weft-grade-probe-", ".log");
  ProcessOptions PO;
  PO.Wrapper = wrapper(ReadOnly, "", 1 << 20);
  PO.OutputFile = Log;
  PO.TimeoutSeconds = 30;
  ProcessResult R = runProcess({"true"}, PO);
  std::ifstream In(Log);
  std::string Line, Said;
  while (std::getline(In, Line))
    Said += (Said.empty() ? "" : "; ") + Line;
  std::remove(Log.c_str());
  if (!R.Started)
    return "the sandbox cannot be started: " + R.StartError +
           " (it needs bubblewrap, and util-linux's setpriv and prlimit; "
           "Debian: apt-get install bubblewrap)";
  if (R.Exited && R.ExitStatus == 0)
    return "";
  return "the sandbox does not start (" + (Said.empty() ? endText(R, 30) : Said) +
         "); bubblewrap needs unprivileged user namespaces "
         "(sysctl kernel.unprivileged_userns_clone=1, or "
         "user.max_user_namespaces > 0)";
}

bool Sandbox::prepareScratch(const std::string &Dir, std::string &Err) const {
  std::error_code EC;
  std::filesystem::create_directories(Dir, EC);
  if (EC) {
    Err = "cannot create " + Dir + ": " + EC.message();
    return false;
  }
  if (Enabled && geteuid() == 0 && chown(Dir.c_str(), SandboxUid, SandboxUid) != 0) {
    Err = "cannot hand " + Dir + " to the sandbox's user: " + std::strerror(errno);
    return false;
  }
  // The sandbox's user must reach Dir through its parents.
  std::filesystem::path P = std::filesystem::absolute(Dir, EC);
  for (P = P.parent_path(); !P.empty() && P != P.root_path(); P = P.parent_path()) {
    struct stat St;
    if (stat(P.c_str(), &St) == 0 && !(St.st_mode & S_IXOTH) && geteuid() == 0)
      chmod(P.c_str(), St.st_mode | S_IXOTH);
  }
  return true;
}

ProcessOptions Sandbox::options(const std::string &Scratch, const Limits &L,
                                bool MemoryLimit, const std::string &Stdin,
                                const std::string &Stdout,
                                const std::string &Stderr) const {
  ProcessOptions PO;
  if (Enabled)
    PO.Wrapper = wrapper(ReadOnly, Scratch, 4 * L.FileSizeKB * 1024);
  // SIGXCPU at the soft limit, SIGKILL a second later.
  auto Cpu = static_cast<unsigned long long>(L.CpuSeconds + 0.999);
  PO.Wrapper.insert(
      PO.Wrapper.end(),
      {"prlimit",
       "--cpu=" + std::to_string(Cpu) + ":" + std::to_string(Cpu + 1),
       "--nproc=" + std::to_string(L.Processes),
       "--fsize=" + std::to_string(L.FileSizeKB * 1024), "--core=0"});
  if (MemoryLimit)
    PO.Wrapper.push_back("--as=" + std::to_string(L.MemoryMB << 20));
  PO.Wrapper.push_back("--");
  PO.ClearEnv = true;
  PO.SetEnv = {{"PATH", "/usr/bin:/bin"}, {"HOME", Scratch}, {"LANG", "C.UTF-8"}};
  PO.TimeoutSeconds = L.WallSeconds;
  PO.InputFile = Stdin.empty() ? "/dev/null" : Stdin;
  PO.OutputFile = Stdout;
  PO.ErrorFile = Stderr;
  return PO;
}

void sandboxStatus(ProcessResult &P, bool Sandboxed) {
  // bubblewrap's init exits with 128+N when the program is killed by N.
  if (Sandboxed && P.Started && P.Exited && P.ExitStatus > 128 &&
      P.ExitStatus < 128 + 65) {
    P.Exited = false;
    P.Signal = P.ExitStatus - 128;
  }
}

std::string limitReason(const ProcessResult &P, const Limits &L,
                        const std::string &Stderr) {
  char Buf[64];
  if (!P.Exited && P.Signal == SIGXCPU) {
    std::snprintf(Buf, sizeof Buf, "%g", L.CpuSeconds);
    return std::string("used more than ") + Buf +
           " s of CPU time (limit cpu_seconds)";
  }
  if (!P.Exited && P.Signal == SIGXFSZ)
    return "wrote a file or output larger than " +
           std::to_string(L.FileSizeKB) + " KB (limit file_size_kb)";
  if (Stderr.find("std::bad_alloc") != std::string::npos ||
      Stderr.find("out of memory") != std::string::npos ||
      Stderr.find("Cannot allocate memory") != std::string::npos)
    return "ran out of memory (limit memory_mb = " +
           std::to_string(L.MemoryMB) + ")";
  return "";
}

} // namespace weft::cli::grade
