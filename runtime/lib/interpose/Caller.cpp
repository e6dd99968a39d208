//===- runtime/lib/interpose/Caller.cpp - the program's line behind a call -----===//
#include "interpose/Caller.h"

#include "core/Futex.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <link.h>
#include <mutex>
#include <spawn.h>
#include <sys/stat.h>
#include <string>
#include <unistd.h>
#include <unordered_map>
#include <unwind.h>

#ifndef WEFT_SYMBOLIZER
#define WEFT_SYMBOLIZER "llvm-symbolizer"
#endif

extern char **environ;

namespace weft::interpose {
namespace {

// -- the program's code ----------------------------------------------------------

struct Range {
  uintptr_t Lo = 0, Hi = 0;
};
struct Program {
  uintptr_t Base = 0;
  Range Code[8], Data[8]; // executable and writable PT_LOAD segments
  int Count = 0, DataCount = 0;
};

int firstObject(dl_phdr_info *Info, size_t, void *Data) {
  auto *P = static_cast<Program *>(Data);
  P->Base = Info->dlpi_addr;
  for (int I = 0; I < Info->dlpi_phnum && P->Count < 8; ++I) {
    const ElfW(Phdr) &H = Info->dlpi_phdr[I];
    Range R{Info->dlpi_addr + H.p_vaddr,
            Info->dlpi_addr + H.p_vaddr + H.p_memsz};
    if (H.p_type == PT_LOAD && (H.p_flags & PF_X))
      P->Code[P->Count++] = R;
    else if (H.p_type == PT_LOAD && (H.p_flags & PF_W) && P->DataCount < 8)
      P->Data[P->DataCount++] = R;
  }
  return 1; // the first object is the executable
}

const Program &program() {
  static const Program P = [] {
    Program P;
    dl_iterate_phdr(firstObject, &P);
    return P;
  }();
  return P;
}

// -- std::source_location from a file and line -------------------------------------
// libstdc++'s std::source_location is one pointer to this layout (what
// __builtin_source_location() returns); the runtime's API takes it, so a
// symbolized place is given the same shape as a compiled-in one.
struct LocationData {
  const char *File;
  const char *Function;
  unsigned Line;
  unsigned Column;
};
static_assert(sizeof(std::source_location) == sizeof(const LocationData *));

std::source_location make(const LocationData *D) {
  std::source_location L;
  std::memcpy(static_cast<void *>(&L), &D, sizeof D);
  return L;
}

const LocationData Unknown{"<unknown>", "", 0, 0};

// -- the symbolizer ---------------------------------------------------------------

class Symbolizer {
public:
  /// The inlined frames at \p Pc (innermost first), two lines each: the
  /// function's name and "file:line:col".
  bool frames(uintptr_t Pc, std::string &Out) { return ask("", Pc, Out); }
  /// The global at \p Addr: "name\nstart size\n".
  bool data(uintptr_t Addr, std::string &Out) { return ask("DATA ", Addr, Out); }

private:
  bool ask(const char *Kind, uintptr_t Addr, std::string &Out) {
    std::string Key = Kind + std::to_string(Addr);
    if (!Loaded)
      loadAnswers();
    if (auto It = Answers.find(Key); It != Answers.end()) {
      Out = It->second;
      return true;
    }
    if (!askTool(Kind, Addr, Out))
      return false;
    Answers.emplace(Key, Out);
    saveAnswer(Key, Out);
    return true;
  }

  // The answers file: what earlier runs of this same executable (same
  // device, inode, size and modification time) were told, so that the
  // symbolizer (about 0.1 s to start) is not started again by each of the
  // hundreds of runs of `weft explore`. Records: "KEY LENGTH\nANSWER".
  void loadAnswers() {
    Loaded = true;
    struct stat St;
    if (::stat("/proc/self/exe", &St) != 0)
      return;
    const char *Dir = std::getenv("TMPDIR");
    AnswersPath = std::string(Dir && *Dir ? Dir : "/tmp") + "/weft-lines-" +
                  std::to_string(St.st_dev) + "-" + std::to_string(St.st_ino) +
                  "-" + std::to_string(St.st_size) + "-" +
                  std::to_string(St.st_mtim.tv_sec) + "." +
                  std::to_string(St.st_mtim.tv_nsec);
    int Fd = ::open(AnswersPath.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (Fd < 0)
      return;
    struct stat Own;
    std::string All;
    if (::fstat(Fd, &Own) == 0 && Own.st_uid == ::getuid()) {
      char Chunk[8192];
      ssize_t R;
      while ((R = ::read(Fd, Chunk, sizeof Chunk)) > 0)
        All.append(Chunk, static_cast<size_t>(R));
    }
    ::close(Fd);
    size_t Pos = 0;
    while (Pos < All.size()) {
      size_t Nl = All.find('\n', Pos);
      size_t Sp = All.rfind(' ', Nl);
      if (Nl == std::string::npos || Sp == std::string::npos || Sp < Pos)
        break;
      size_t Len = std::strtoul(All.c_str() + Sp + 1, nullptr, 10);
      if (Nl + 1 + Len > All.size())
        break; // cut short by a run that was killed while writing
      Answers.emplace(All.substr(Pos, Sp - Pos), All.substr(Nl + 1, Len));
      Pos = Nl + 1 + Len;
    }
  }

  void saveAnswer(const std::string &Key, const std::string &Answer) {
    if (AnswersPath.empty())
      return;
    int Fd = ::open(AnswersPath.c_str(),
                    O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
                    0600);
    if (Fd < 0)
      return;
    std::string Rec = Key + " " + std::to_string(Answer.size()) + "\n" + Answer;
    ssize_t R = ::write(Fd, Rec.data(), Rec.size()); // one append: whole
    (void)R;
    ::close(Fd);
  }

  bool askTool(const char *Kind, uintptr_t Addr, std::string &Out) {
    if (Pid != ::getpid() && !start())
      return false;
    if (ToFd < 0)
      return false;
    char Req[48];
    int N = std::snprintf(Req, sizeof Req, "%s0x%llx\n", Kind,
                          static_cast<unsigned long long>(Addr));
    if (::write(ToFd, Req, static_cast<size_t>(N)) != N)
      return fail();
    // The answer ends with an empty line.
    Out.clear();
    for (;;) {
      size_t End = Buf.find("\n\n");
      if (End != std::string::npos) {
        Out = Buf.substr(0, End + 1);
        Buf.erase(0, End + 2);
        return true;
      }
      char Chunk[4096];
      ssize_t R = ::read(FromFd, Chunk, sizeof Chunk);
      if (R <= 0)
        return fail();
      Buf.append(Chunk, static_cast<size_t>(R));
    }
  }

  bool start() {
    Failed = false;
    Buf.clear();
    const char *Tool = std::getenv("WEFT_SYMBOLIZER");
    if (!Tool || !*Tool)
      Tool = WEFT_SYMBOLIZER;
    char Exe[4096];
    ssize_t Len = ::readlink("/proc/self/exe", Exe, sizeof Exe - 1);
    if (Len <= 0)
      return fail();
    Exe[Len] = 0;
    int In[2], Out[2];
    if (::pipe2(In, O_CLOEXEC) != 0)
      return fail();
    if (::pipe2(Out, O_CLOEXEC) != 0) {
      ::close(In[0]), ::close(In[1]);
      return fail();
    }
    posix_spawn_file_actions_t Fa;
    posix_spawn_file_actions_init(&Fa);
    posix_spawn_file_actions_adddup2(&Fa, In[0], 0);
    posix_spawn_file_actions_adddup2(&Fa, Out[1], 1);
    std::string Obj = std::string("--obj=") + Exe;
    const char *Argv[] = {Tool, Obj.c_str(), "--functions=linkage",
                          "--inlining", nullptr};
    pid_t Child;
    int Rc = posix_spawnp(&Child, Tool, &Fa, nullptr,
                          const_cast<char *const *>(Argv), environ);
    posix_spawn_file_actions_destroy(&Fa);
    ::close(In[0]);
    ::close(Out[1]);
    if (Rc != 0) {
      ::close(In[1]), ::close(Out[0]);
      return fail();
    }
    ToFd = In[1];
    FromFd = Out[0];
    Pid = ::getpid();
    return true;
  }
  bool fail() {
    if (!Failed) {
      static const char Msg[] =
          "weft: warning: cannot run llvm-symbolizer (set WEFT_SYMBOLIZER): "
          "reports of this plain program name no source lines\n";
      ssize_t R = ::write(2, Msg, sizeof(Msg) - 1);
      (void)R;
    }
    Failed = true;
    Pid = ::getpid(); // do not try again in this process
    ToFd = FromFd = -1;
    return false;
  }

  pid_t Pid = 0;
  int ToFd = -1, FromFd = -1;
  bool Failed = false;
  std::string Buf;
  bool Loaded = false;
  std::string AnswersPath;
  std::unordered_map<std::string, std::string> Answers;
};

bool systemFile(const std::string &F) {
  return F.rfind("/usr/include/", 0) == 0 || F.rfind("/usr/lib/", 0) == 0 ||
         F.rfind("/usr/local/include/c++", 0) == 0;
}

/// What an address of the program is: the user line it names, or part of
/// weft's own code (the runtime, and the trace library under it, use
/// std::mutex themselves: those calls are not the program's).
struct PcInfo {
  const LocationData *User = nullptr;
  bool Weft = false;
};

core::InternalMutex Mu; // guards what follows
Symbolizer *Sym = nullptr;
std::unordered_map<uintptr_t, const PcInfo *> *Cache = nullptr;

void initLocked() {
  if (!Cache) {
    Cache = new std::unordered_map<uintptr_t, const PcInfo *>();
    Sym = new Symbolizer();
  }
}

/// Looks at the inlined frames at \p Pc (a return address), innermost
/// first: the first that is weft's own function makes it weft's; else the
/// first whose file is not a system header is the user line.
const PcInfo *classify(uintptr_t Pc) {
  std::lock_guard<core::InternalMutex> G(Mu);
  initLocked();
  auto It = Cache->find(Pc);
  if (It != Cache->end())
    return It->second;
  auto *Info = new PcInfo(); // immortal: the recorder keeps the file pointer
  std::string Lines;
  // The call instruction is just before the return address.
  if (Sym->frames(Pc - 1 - program().Base, Lines)) {
    size_t Pos = 0;
    while (Pos < Lines.size()) {
      size_t Nl = Lines.find('\n', Pos);
      if (Nl == std::string::npos)
        break;
      std::string Fn = Lines.substr(Pos, Nl - Pos);
      size_t Nl2 = Lines.find('\n', Nl + 1);
      if (Nl2 == std::string::npos)
        break;
      std::string L = Lines.substr(Nl + 1, Nl2 - Nl - 1);
      Pos = Nl2 + 1;
      // weft's functions, and the interposed pthread_* ones (whose lambdas
      // run the program's thread functions).
      if (Fn.rfind("weft::", 0) == 0 || Fn.rfind("pthread_", 0) == 0) {
        Info->Weft = true;
        break;
      }
      // file:line:column (the file may contain ':').
      size_t C2 = L.rfind(':');
      size_t C1 = C2 == std::string::npos || C2 == 0 ? std::string::npos
                                                     : L.rfind(':', C2 - 1);
      if (C1 == std::string::npos)
        continue;
      std::string File = L.substr(0, C1);
      unsigned Line = static_cast<unsigned>(std::atoi(L.c_str() + C1 + 1));
      unsigned Col = static_cast<unsigned>(std::atoi(L.c_str() + C2 + 1));
      if (File == "??" || Line == 0 || systemFile(File))
        continue;
      Info->User = new LocationData{strdup(File.c_str()), "", Line, Col};
      break;
    }
  }
  Cache->emplace(Pc, Info);
  return Info;
}

/// classify() behind a small per-thread table (no lock).
const PcInfo *lookup(const void *Ret) {
  struct Hit {
    const void *Ret;
    const PcInfo *Info;
  };
  static thread_local Hit Recent[64];
  Hit &H = Recent[(reinterpret_cast<uintptr_t>(Ret) >> 2) & 63];
  if (H.Ret == Ret && H.Info) [[likely]]
    return H.Info;
  const PcInfo *Info = classify(reinterpret_cast<uintptr_t>(Ret));
  H = {Ret, Info};
  return Info;
}

struct Walk {
  uintptr_t Pcs[64];
  int Count = 0;
};

_Unwind_Reason_Code onFrame(_Unwind_Context *Ctx, void *Data) {
  auto *W = static_cast<Walk *>(Data);
  if (W->Count == 64)
    return _URC_END_OF_STACK;
  W->Pcs[W->Count++] = _Unwind_GetIP(Ctx);
  return _URC_NO_REASON;
}

} // namespace

std::string globalName(const void *Addr, size_t ElementSize) {
  const Program &P = program();
  auto A = reinterpret_cast<uintptr_t>(Addr);
  bool InImage = false;
  for (int I = 0; I < P.DataCount; ++I)
    InImage |= A >= P.Data[I].Lo && A < P.Data[I].Hi;
  if (!InImage)
    return ""; // heap or stack
  std::lock_guard<core::InternalMutex> G(Mu);
  initLocked();
  std::string Out;
  if (!Sym->data(A - P.Base, Out))
    return "";
  size_t Nl = Out.find('\n');
  if (Nl == std::string::npos)
    return "";
  std::string Name = Out.substr(0, Nl);
  if (Name.empty() || Name == "??")
    return "";
  unsigned long long Start = 0, Size = 0;
  if (std::sscanf(Out.c_str() + Nl + 1, "%llu %llu", &Start, &Size) != 2)
    return "";
  uintptr_t Off = A - P.Base - Start;
  if (Off == 0)
    return Name; // the variable, or the first member of a struct
  if (ElementSize && Size % ElementSize == 0 && Off % ElementSize == 0)
    return Name + "[" + std::to_string(Off / ElementSize) + "]";
  return Name + "+" + std::to_string(Off);
}

std::string objectName(const void *Addr, size_t Size,
                       const std::source_location &Loc) {
  std::string Name = globalName(Addr, Size);
  if (!Name.empty())
    return Name;
  std::string File = Loc.file_name();
  size_t Slash = File.rfind('/');
  if (Slash != std::string::npos)
    File.erase(0, Slash + 1);
  return "first used at " + File + ":" + std::to_string(Loc.line());
}

bool inProgram(const void *Pc) {
  const Program &P = program();
  auto A = reinterpret_cast<uintptr_t>(Pc);
  for (int I = 0; I < P.Count; ++I)
    if (A >= P.Code[I].Lo && A < P.Code[I].Hi)
      return true;
  return false;
}

bool fromWeft(const void *Ret) {
  return inProgram(Ret) && lookup(Ret)->Weft;
}

std::source_location callerLocation(const void *Ret) {
  if (inProgram(Ret))
    if (const LocationData *D = lookup(Ret)->User) [[likely]]
      return make(D);
  // The frames above the call: from Ret on (from the top if Ret is not
  // found, as after a tail call), skipping weft's own frames.
  Walk W;
  _Unwind_Backtrace(onFrame, &W);
  int From = 0;
  for (int I = 0; I < W.Count; ++I)
    if (W.Pcs[I] == reinterpret_cast<uintptr_t>(Ret)) {
      From = I;
      break;
    }
  for (int I = From; I < W.Count; ++I) {
    const void *Pc = reinterpret_cast<const void *>(W.Pcs[I]);
    if (inProgram(Pc))
      if (const LocationData *D = lookup(Pc)->User)
        return make(D);
  }
  return make(&Unknown);
}

} // namespace weft::interpose
