//===- runtime/lib/tsan/TsanReport.cpp - ThreadSanitizer reports as findings ---===//
//
// See TsanReport.h for the design (why the hook only copies, and who turns
// the copies into findings).
//===----------------------------------------------------------------------===//
#include "tsan/TsanReport.h"

#include "core/Stderr.h"
#include "tsan/TsanAnnotations.h"

#ifndef WEFT_TSAN_ENABLED

namespace weft::core {
void tsanOnEventLocked(Monitor &, const trace::Event &) {}
void tsanFinishLocked(Monitor &) {}
} // namespace weft::core

#else

#include "core/Actor.h"
#include "record/Monitor.h"
#include "record/Recorder.h"
#include "threading/ThreadState.h"

#include <sanitizer/common_interface_defs.h>
#include <sanitizer/tsan_interface.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sched.h>
#include <set>
#include <string>
#include <sys/syscall.h>
#include <type_traits>
#include <unistd.h>
#include <vector>

// Weak in the TSan runtime; not declared by its headers.
extern "C" void __tsan_on_report(void *Report);
extern "C" const char *__tsan_default_options();
// Not in LLVM 19's <sanitizer/tsan_interface.h>; part of TSan's interface.
extern "C" void __tsan_ignore_thread_begin(void);
extern "C" void __tsan_ignore_thread_end(void);

namespace weft::core {
namespace {

// -- fixed-size helpers (usable inside the hook: no allocation) -------------

void copyStr(char *Dst, size_t N, const char *Src) {
  if (!N)
    return;
  size_t I = 0;
  for (; Src && Src[I] && I + 1 < N; ++I)
    Dst[I] = Src[I];
  Dst[I] = '\0';
}

void appendStr(char *Dst, size_t N, const char *Src) {
  size_t L = std::strlen(Dst);
  if (L < N)
    copyStr(Dst + L, N - L, Src);
}

void appendUnsigned(char *Dst, size_t N, unsigned long V) {
  char Tmp[24];
  int I = 0;
  do {
    Tmp[I++] = static_cast<char>('0' + V % 10);
    V /= 10;
  } while (V);
  char Out[24];
  for (int J = 0; J < I; ++J)
    Out[J] = Tmp[I - 1 - J];
  Out[I] = '\0';
  appendStr(Dst, N, Out);
}

using core::writeStderr;

// -- TSan's default options ---------------------------------------------------
//
// __tsan_default_options runs while TSan initializes: its interceptors of
// strcmp, strlen, memcpy... are not ready yet (calling them crashes), and
// libc's environ is not set up. So this part uses only its own loops
// (no_builtin keeps the compiler from turning them into library calls).

#define WEFT_NO_LIBC __attribute__((no_builtin))

WEFT_NO_LIBC size_t rawLen(const char *S) {
  size_t N = 0;
  while (S[N])
    ++N;
  return N;
}

WEFT_NO_LIBC bool rawEq(const char *A, const char *B) {
  for (; *A && *A == *B; ++A, ++B) {
  }
  return *A == *B;
}

WEFT_NO_LIBC bool rawStartsWith(const char *S, const char *Prefix) {
  for (; *Prefix; ++S, ++Prefix)
    if (*S != *Prefix)
      return false;
  return true;
}

WEFT_NO_LIBC void rawCopy(char *Dst, size_t N, const char *Src, size_t Max) {
  if (!N)
    return;
  size_t I = 0;
  for (; Src && Src[I] && I < Max && I + 1 < N; ++I)
    Dst[I] = Src[I];
  Dst[I] = '\0';
}

WEFT_NO_LIBC void rawAppend(char *Dst, size_t N, const char *Src) {
  size_t L = rawLen(Dst);
  if (L < N)
    rawCopy(Dst + L, N - L, Src, ~size_t(0));
}

WEFT_NO_LIBC void rawAppendUnsigned(char *Dst, size_t N, unsigned long V) {
  char Tmp[24];
  int I = 0;
  do {
    Tmp[I++] = static_cast<char>('0' + V % 10);
    V /= 10;
  } while (V);
  char Out[24];
  for (int J = 0; J < I; ++J)
    Out[J] = Tmp[I - 1 - J];
  Out[I] = '\0';
  rawAppend(Dst, N, Out);
}

WEFT_NO_LIBC void rawCopyAll(char *Dst, size_t N, const char *Src) {
  rawCopy(Dst, N, Src, ~size_t(0));
}

/// Where TSan writes its own text: a path prefix (TSan appends ".<pid>"),
/// or empty for stderr.
char LogPrefix[512];
char DefaultOptions[2048];

/// getenv for the time TSan asks for its options: before libc has set up
/// `environ` (getenv finds nothing then) and before TSan's interceptors
/// work. Reads /proc/self/environ with raw system calls, as TSan does.
char EnvBuf[1 << 16];
long EnvLen = -1;
WEFT_NO_LIBC const char *earlyGetenv(const char *Name) {
  if (EnvLen < 0) {
    EnvLen = 0;
    long Fd = ::syscall(SYS_openat, AT_FDCWD, "/proc/self/environ", O_RDONLY);
    if (Fd >= 0) {
      long N;
      while (EnvLen < long(sizeof(EnvBuf)) - 1 &&
             (N = ::syscall(SYS_read, Fd, EnvBuf + EnvLen,
                            sizeof(EnvBuf) - 1 - EnvLen)) > 0)
        EnvLen += N;
      ::syscall(SYS_close, Fd);
    }
    EnvBuf[EnvLen] = '\0';
  }
  size_t L = rawLen(Name);
  for (long I = 0; I < EnvLen; I += long(rawLen(EnvBuf + I)) + 1)
    if (rawStartsWith(EnvBuf + I, Name) && EnvBuf[I + L] == '=')
      return EnvBuf + I + L + 1;
  return nullptr;
}

/// A value may not contain ':' or spaces (TSan's option separators).
WEFT_NO_LIBC bool plainValue(const char *S) {
  for (; *S; ++S)
    if (*S == ':' || *S == ' ' || *S == '\t' || *S == '\n')
      return false;
  return true;
}

WEFT_NO_LIBC void buildDefaultOptions() {
  char *O = DefaultOptions;
  size_t N = sizeof(DefaultOptions);
  // history_size=7: the earlier access's stack survives long runs (see
  // shared/TOOLCHAIN.md, P1). detect_deadlocks=0: weft's own detector
  // reports lock-order inversions of weft locks (docs/tsan.md).
  // atexit_sleep_ms=0: weft has already waited for every non-daemon thread
  // when the program exits, as Python does. TSan's default sleeps a second
  // whenever another thread still exists: a daemon thread, or one joined
  // only with a timeout, may still be finishing in the C library.
  // report_thread_leaks=0: a weft thread nobody joined is not a leak
  // (Python never requires a join); its OS thread is joinable so that a
  // join can wait for its real exit, and it is detached when its Thread
  // goes away, which may be after the end of main.
  rawCopyAll(O, N,
             "history_size=7:detect_deadlocks=0:atexit_sleep_ms=0:"
             "report_thread_leaks=0");
  int Exit = 66;
  if (const char *E = earlyGetenv("WEFT_EXITCODE")) {
    long V = 0;
    bool Ok = *E != '\0';
    for (const char *C = E; *C && Ok; ++C) {
      Ok = *C >= '0' && *C <= '9';
      V = V * 10 + (*C - '0');
      Ok = Ok && V <= 255;
    }
    if (Ok)
      Exit = static_cast<int>(V);
  }
  rawAppend(O, N, ":exitcode=");
  rawAppendUnsigned(O, N, static_cast<unsigned long>(Exit));

  const char *Log = earlyGetenv("WEFT_TSAN_LOG");
  // TSAN_OPTIONS (parsed after these defaults) may choose the log itself.
  const char *Env = earlyGetenv("TSAN_OPTIONS");
  const char *Given = nullptr;
  for (const char *P = Env; P && *P && !Given; ++P)
    if ((P == Env || P[-1] == ':' || P[-1] == ' ') &&
        rawStartsWith(P, "log_path="))
      Given = P + rawLen("log_path=");
  if (Given) {
    size_t L = 0;
    while (Given[L] && Given[L] != ':' && Given[L] != ' ' && Given[L] != '\t')
      ++L;
    rawCopy(LogPrefix, sizeof(LogPrefix), Given, L);
    if (rawEq(LogPrefix, "stderr") || rawEq(LogPrefix, "stdout"))
      LogPrefix[0] = '\0';
  } else if (Log && rawEq(Log, "stderr")) {
    LogPrefix[0] = '\0';
  } else if (Log && *Log && plainValue(Log)) {
    rawCopyAll(LogPrefix, sizeof(LogPrefix), Log);
  } else {
    const char *Dir = earlyGetenv("TMPDIR");
    if (!Dir || !*Dir || !plainValue(Dir))
      Dir = "/tmp";
    rawCopyAll(LogPrefix, sizeof(LogPrefix), Dir);
    rawAppend(LogPrefix, sizeof(LogPrefix), "/weft-tsan-");
    // TSan asks before libc has set program_invocation_short_name, and
    // its interceptors are not ready: read the name with a raw syscall.
    char Exe[512] = {};
    long L = ::syscall(SYS_readlink, "/proc/self/exe", Exe, sizeof(Exe) - 1);
    const char *Prog = "program";
    if (L > 0) {
      Exe[L] = '\0';
      Prog = Exe;
      for (const char *C = Exe; *C; ++C)
        if (*C == '/')
          Prog = C + 1;
    }
    rawAppend(LogPrefix, sizeof(LogPrefix),
              *Prog && plainValue(Prog) ? Prog : "program");
  }
  if (LogPrefix[0] && !Given) {
    rawAppend(O, N, ":log_path=");
    rawAppend(O, N, LogPrefix);
  }
  if (const char *S = earlyGetenv("WEFT_TSAN_SUPPRESSIONS"))
    if (*S && plainValue(S)) {
      rawAppend(O, N, ":suppressions=");
      rawAppend(O, N, S);
    }
}

// -- what the hook keeps --------------------------------------------------------

constexpr size_t MaxHeld = 8;
constexpr size_t NumSlots = 64;

struct AccessInfo {
  bool Write = false;
  bool Atomic = false;
  int Size = 0;
  uint16_t Actor = 0;      // 0: not a weft actor
  char ThreadName[64] = {}; // TSan's name when Actor == 0
  int TsanTid = -1;
  char Where[512] = {};    // "file:line:col" of the first user frame
  char Function[256] = {};
};

struct PendingRace {
  /// 0 free, 1 being filled by the hook, 2 ready for the Monitor.
  std::atomic<int> State{0};
  AccessInfo Access[2]; // [0] the reporting access, [1] the earlier one
  char Object[300] = {}; // "global 'balance'", "heap block of 8 bytes"
  bool HeldKnown = false;
  size_t NumHeld = 0;
  uint32_t Held[MaxHeld] = {};
  bool MoreHeld = false;
  /// The earlier actor had never taken a weft lock at report time.
  bool OtherNeverLocked = false;
  long Pid = 0;
};

PendingRace Slots[NumSlots];
std::atomic<size_t> Pending{0};
std::atomic<unsigned> Dropped{0};

/// Set by the Monitor's first call: what the hook may read (never freed).
std::atomic<Monitor *> TheMonitor{nullptr};

/// The locks each actor holds, kept by LockCore's calls: one entry per
/// actor id (ids are 16 bits; untouched entries cost no memory). Writers
/// take the entry's own spin lock, uncontended but for a Lock released by
/// another actor than its holder, so threads that take different locks
/// never touch a shared line. The report hook must not block (a writer may
/// be preempted, or stopped inside TSan itself): it reads the entry as a
/// seqlock, with a few bounded retries, and says "not known" if they fail.
constexpr size_t NumActors = 65536;
struct alignas(64) HeldEntry { // one cache line per actor
  // Plain integers used through std::atomic_ref: the type is trivial, so
  // the table is zero in .bss and costs nothing until an actor uses its
  // entry (std::atomic members made it a 4 MB constructor at start-up).
  uint32_t Seq; // odd while being written
  bool Writing; // the writers' spin lock
  uint32_t Num; // valid entries of Held
  bool More;    // Extra is not empty
  uint64_t Acquisitions;
  uint32_t Held[MaxHeld];
  std::vector<uint32_t> *Extra; // past MaxHeld (writers only)
};
static_assert(std::is_trivially_default_constructible_v<HeldEntry>);
HeldEntry HeldOf[NumActors];

template <typename T> T ld(const T &V, std::memory_order O) {
  return std::atomic_ref<T>(const_cast<T &>(V)).load(O);
}
template <typename T>
void st(T &V, std::type_identity_t<T> New, std::memory_order O) {
  std::atomic_ref<T>(V).store(New, O);
}

/// Changes \p Actor's entry with its writers' lock held, published to the
/// readers as one seqlock update.
template <typename Fn> void updateHeld(uint32_t Actor, Fn Change) {
  if (Actor >= NumActors)
    return;
  HeldEntry &E = HeldOf[Actor];
  while (std::atomic_ref<bool>(E.Writing).exchange(true,
                                                   std::memory_order_acquire))
    while (ld(E.Writing, std::memory_order_relaxed))
      sched_yield();
  uint32_t Seq = ld(E.Seq, std::memory_order_relaxed);
  st(E.Seq, Seq + 1, std::memory_order_relaxed);
  std::atomic_thread_fence(std::memory_order_release);
  Change(E);
  st(E.More, E.Extra && !E.Extra->empty(), std::memory_order_relaxed);
  st(E.Seq, Seq + 2, std::memory_order_release);
  st(E.Writing, false, std::memory_order_release);
}

/// A consistent copy of \p Actor's held locks; false if the writer stayed
/// in the middle of an update.
bool readSnapshot(uint32_t Actor, uint32_t *Held, size_t &Num, bool &More,
                  uint64_t &Acquisitions) {
  if (Actor == 0 || Actor >= NumActors)
    return false;
  const HeldEntry &S = HeldOf[Actor];
  for (int Try = 0; Try < 1000; ++Try) {
    uint32_t Before = ld(S.Seq, std::memory_order_acquire);
    if (Before & 1) {
      sched_yield();
      continue;
    }
    Num = std::min<size_t>(ld(S.Num, std::memory_order_relaxed), MaxHeld);
    for (size_t I = 0; I < Num; ++I)
      Held[I] = ld(S.Held[I], std::memory_order_relaxed);
    More = ld(S.More, std::memory_order_relaxed);
    Acquisitions = ld(S.Acquisitions, std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_acquire);
    if (ld(S.Seq, std::memory_order_relaxed) == Before)
      return true;
  }
  return false;
}
std::set<std::pair<std::string, std::string>> ReportedPairs;

/// Whether a symbolized "file:line:col" names a source file. Frames without
/// debug information (TSan's interceptors such as operator new/delete and
/// free, libc) come back as "<null>" or "??".
bool isKnownFile(const char *Where) {
  return *Where && *Where != ':' && std::strncmp(Where, "??", 2) != 0 &&
         std::strncmp(Where, "<null>", 6) != 0;
}

bool isUserFile(const char *File) {
  if (!isKnownFile(File))
    return false;
  static const char *const System[] = {"/usr/include/", "/usr/lib/",
                                       "/usr/local/include/"};
  for (const char *P : System)
    if (std::strncmp(File, P, std::strlen(P)) == 0)
      return false;
  // weft's runtime, and its public headers (a Future's result() reads the
  // value in futures.h: the user's call is the place to show).
  return std::strstr(File, "/runtime/lib/") == nullptr &&
         std::strstr(File, "/runtime/include/weft/") == nullptr;
}

/// Fills Where/Function from the first frame in user code (inlined frames
/// included); if none is, from the first frame with a source file, else the
/// top frame.
void symbolizeStack(void *const *Trace, size_t N, AccessInfo &A) {
  char Buf[1024];
  bool Found = false, Known = false;
  for (size_t I = 0; I < N && Trace[I] && !Found; ++I) {
    Buf[0] = '\0';
    Buf[1] = '\0';
    __sanitizer_symbolize_pc(Trace[I], "%s:%l:%c\t%f", Buf, sizeof(Buf) - 1);
    Buf[sizeof(Buf) - 1] = '\0';
    // Several NUL-separated strings (inlined frames, innermost first).
    for (char *S = Buf; S < Buf + sizeof(Buf) - 1 && *S;
         S += std::strlen(S) + 1) {
      char *Tab = std::strchr(S, '\t');
      const char *Fn = "";
      if (Tab) {
        *Tab = '\0';
        Fn = Tab + 1;
      }
      bool User = isUserFile(S);
      bool HasFile = isKnownFile(S);
      if (User || (HasFile && !Known) || !A.Where[0]) {
        copyStr(A.Where, sizeof(A.Where), S);
        copyStr(A.Function, sizeof(A.Function), Fn);
        Known = Known || HasFile;
      }
      if (Tab)
        *Tab = '\t';
      if (User) {
        Found = true;
        break;
      }
    }
  }
}

/// The weft actor running on OS thread \p OsTid (the latest one, if the
/// kernel reused the id). Lock-free: actors are never freed and their
/// native id is written once, before the thread runs user code.
uint16_t actorForOsThread(uint64_t OsTid) {
  Monitor *M = TheMonitor.load(std::memory_order_acquire);
  if (!M || !OsTid)
    return 0;
  const ActorRegistry &Reg = M->actors();
  uint16_t Found = 0;
  for (uint32_t Id = 1; Id <= ActorRegistry::MaxActors; ++Id) {
    const Actor *A = Reg.get(Id);
    if (!A)
      break;
    const ThreadState *S = A->Thread;
    if (S && S->NativeId && *S->NativeId == OsTid)
      Found = A->Id;
  }
  return Found;
}

/// What memory the race is on: TSan's first location, when the report has
/// one. A race with a free (operator delete of the block) has none, and
/// __tsan_get_report_loc CHECK-fails (aborts) on an index past the end.
void describeObject(void *Report, int LocCount, PendingRace &P) {
  if (LocCount < 1)
    return;
  const char *Type = nullptr;
  void *Addr = nullptr, *Start = nullptr;
  unsigned long Size = 0;
  int Tid = 0, Fd = 0, Suppressable = 0;
  void *Trace[1];
  if (!__tsan_get_report_loc(Report, 0, &Type, &Addr, &Start, &Size, &Tid, &Fd,
                             &Suppressable, Trace, 1) ||
      !Type)
    return;
  if (std::strcmp(Type, "global") == 0) {
    char Name[256] = {};
    __sanitizer_symbolize_global(Start ? Start : Addr, "%g", Name,
                                 sizeof(Name));
    copyStr(P.Object, sizeof(P.Object), "global '");
    appendStr(P.Object, sizeof(P.Object), Name[0] ? Name : "?");
    appendStr(P.Object, sizeof(P.Object), "'");
  } else if (std::strcmp(Type, "heap") == 0) {
    copyStr(P.Object, sizeof(P.Object), "a heap block of ");
    appendUnsigned(P.Object, sizeof(P.Object), Size);
    appendStr(P.Object, sizeof(P.Object), " bytes");
  } else if (std::strcmp(Type, "stack") == 0) {
    copyStr(P.Object, sizeof(P.Object), "a stack variable");
  } else if (std::strcmp(Type, "tls") == 0) {
    copyStr(P.Object, sizeof(P.Object), "a thread-local variable");
  }
}

/// Reads the reporting actor's held locks and whether the other actor ever
/// took one; never blocks.
void readLocks(PendingRace &P) {
  Monitor *M = TheMonitor.load(std::memory_order_acquire);
  if (!M || !P.Access[0].Actor)
    return;
  uint16_t Other = P.Access[1].Actor;
  size_t Num = 0, OtherNum = 0;
  bool More = false, OtherMore = false;
  uint64_t Acq = 0, OtherAcq = 0;
  uint32_t OtherHeld[MaxHeld];
  if (readSnapshot(P.Access[0].Actor, P.Held, Num, More, Acq) &&
      (!Other ||
       readSnapshot(Other, OtherHeld, OtherNum, OtherMore, OtherAcq))) {
    P.HeldKnown = true;
    P.NumHeld = Num;
    P.MoreHeld = More;
    P.OtherNeverLocked = Other && OtherAcq == 0;
  }
}

void onDataRace(void *Report, int MopCount, int LocCount, int ThreadCount) {
  PendingRace *P = nullptr;
  for (PendingRace &S : Slots) {
    int Free = 0;
    if (S.State.compare_exchange_strong(Free, 1, std::memory_order_acquire)) {
      P = &S;
      break;
    }
  }
  if (!P) {
    Dropped.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  P->Access[0] = AccessInfo{};
  P->Access[1] = AccessInfo{};
  P->Object[0] = '\0';
  P->HeldKnown = P->MoreHeld = P->OtherNeverLocked = false;
  P->NumHeld = 0;
  P->Pid = static_cast<long>(::getpid());

  for (int I = 0; I < 2 && I < MopCount; ++I) {
    AccessInfo &A = P->Access[I];
    int Tid = -1, Size = 0, Write = 0, Atomic = 0;
    void *Addr = nullptr;
    void *Trace[32] = {};
    __tsan_get_report_mop(Report, static_cast<unsigned long>(I), &Tid, &Addr,
                          &Size, &Write, &Atomic, Trace, 32);
    A.Write = Write != 0;
    A.Atomic = Atomic != 0;
    A.Size = Size;
    A.TsanTid = Tid;
    symbolizeStack(Trace, 32, A);
    for (int T = 0; T < ThreadCount; ++T) {
      int ThTid = -1, Running = 0, Parent = 0;
      uint64_t Os = 0;
      const char *Name = nullptr;
      void *ThTrace[1];
      if (!__tsan_get_report_thread(Report, static_cast<unsigned long>(T),
                                    &ThTid, &Os, &Running, &Name, &Parent,
                                    ThTrace, 1) ||
          ThTid != Tid)
        continue;
      copyStr(A.ThreadName, sizeof(A.ThreadName), Name);
      if (I == 0 && Os == static_cast<uint64_t>(::gettid())) {
        Actor *Me = boundActor();
        A.Actor = Me ? Me->Id : 0;
      } else {
        A.Actor = actorForOsThread(Os);
      }
      break;
    }
  }
  describeObject(Report, LocCount, *P);
  readLocks(*P);
  P->State.store(2, std::memory_order_release);
  Pending.fetch_add(1, std::memory_order_release);
}

// -- turning a copy into a finding (order mutex held) ---------------------------

report::Location parseWhere(const char *Where) {
  report::Location L;
  std::string S(Where);
  // file:line:col, the file may contain ':'.
  size_t C2 = S.rfind(':');
  size_t C1 = C2 == std::string::npos || C2 == 0 ? std::string::npos
                                                  : S.rfind(':', C2 - 1);
  if (C1 == std::string::npos) {
    L.File = S;
    return L;
  }
  L.File = S.substr(0, C1);
  L.Line = static_cast<unsigned>(std::strtoul(S.c_str() + C1 + 1, nullptr, 10));
  L.Column =
      static_cast<unsigned>(std::strtoul(S.c_str() + C2 + 1, nullptr, 10));
  if (L.File == "??" || L.File.empty())
    return report::Location{};
  return L;
}

std::string actorText(const detect::Symbols &Syms, const AccessInfo &A) {
  if (A.Actor)
    return Syms.actorName(A.Actor);
  std::string S = "a thread weft did not start";
  if (A.ThreadName[0])
    S += std::string(" ('") + A.ThreadName + "')";
  else if (A.TsanTid >= 0)
    S += " (TSan T" + std::to_string(A.TsanTid) + ")";
  return S;
}

const char *accessWord(const AccessInfo &A) {
  if (A.Atomic)
    return A.Write ? "atomic write" : "atomic read";
  return A.Write ? "write" : "read";
}

std::string locksText(const detect::Symbols &Syms, const PendingRace &P) {
  if (!P.HeldKnown)
    return "the weft locks it held are not known";
  if (P.NumHeld == 0)
    return "holding no weft lock";
  std::string S = "holding ";
  for (size_t I = 0; I < P.NumHeld; ++I) {
    if (I)
      S += I + 1 == P.NumHeld && !P.MoreHeld ? " and " : ", ";
    S += Syms.objectName(P.Held[I]);
  }
  if (P.MoreHeld)
    S += " and more";
  return S;
}

std::string logFileText(long Pid) {
  if (!LogPrefix[0])
    return "ThreadSanitizer's own report is on stderr";
  return std::string("ThreadSanitizer's own report: ") + LogPrefix + "." +
         std::to_string(Pid);
}

void makeFinding(Monitor &M, const PendingRace &P) {
  const AccessInfo &Cur = P.Access[0], &Old = P.Access[1];
  report::Location CurLoc = parseWhere(Cur.Where);
  report::Location OldLoc = parseWhere(Old.Where);
  auto Key = [](const report::Location &L) {
    return L.File + ":" + std::to_string(L.Line);
  };
  std::pair<std::string, std::string> Pair{Key(CurLoc), Key(OldLoc)};
  if (Pair.first > Pair.second)
    std::swap(Pair.first, Pair.second);
  if (!ReportedPairs.insert(Pair).second)
    return; // the same two lines were reported already

  const detect::Symbols &Syms = M.symbols();
  std::string On = P.Object[0] ? std::string(" on ") + P.Object : "";
  std::string CurWho = actorText(Syms, Cur), OldWho = actorText(Syms, Old);
  report::Finding F = report::makeFinding(
      report::RuleId::DataRace,
      "data race" + On + ": " + accessWord(Cur) + " by " + CurWho +
          " and an earlier " + accessWord(Old) + " by " + OldWho +
          " are not ordered by any synchronization",
      CurLoc, "runtime");
  F.Notes.push_back(
      {CurLoc, std::string(accessWord(Cur)) + " by " + CurWho + " here, " +
                   locksText(Syms, P)});
  std::string OldLocks =
      Old.Actor && P.OtherNeverLocked
          ? "holding no weft lock (it had never taken one)"
          : "the weft locks it held then are not known";
  F.Notes.push_back({OldLoc, std::string("earlier ") + accessWord(Old) +
                                 " by " + OldWho + " here, " + OldLocks});
  F.Notes.push_back({report::Location{}, logFileText(P.Pid)});
  M.addFindingLocked(std::move(F), Cur.Actor ? Cur.Actor : 1);
}

void drainLocked(Monitor &M) {
  if (Pending.load(std::memory_order_acquire) == 0)
    return;
  for (PendingRace &S : Slots) {
    if (S.State.load(std::memory_order_acquire) != 2)
      continue;
    Pending.fetch_sub(1, std::memory_order_relaxed);
    makeFinding(M, S);
    S.State.store(0, std::memory_order_release);
  }
}

} // namespace

void tsanOnEventLocked(Monitor &M, const trace::Event &) {
  if (!TheMonitor.load(std::memory_order_relaxed))
    TheMonitor.store(&M, std::memory_order_release);
  drainLocked(M);
}

void tsanLockAcquired(uint32_t Actor, uint32_t Lock) {
  updateHeld(Actor, [Lock](HeldEntry &E) {
    st(E.Acquisitions, ld(E.Acquisitions, std::memory_order_relaxed) + 1,
       std::memory_order_relaxed);
    uint32_t N = ld(E.Num, std::memory_order_relaxed);
    for (uint32_t I = 0; I < N; ++I)
      if (ld(E.Held[I], std::memory_order_relaxed) == Lock)
        return; // an RLock taken again
    if (E.Extra &&
        std::find(E.Extra->begin(), E.Extra->end(), Lock) != E.Extra->end())
      return;
    if (N < MaxHeld) {
      st(E.Held[N], Lock, std::memory_order_relaxed);
      st(E.Num, N + 1, std::memory_order_relaxed);
      return;
    }
    if (!E.Extra)
      E.Extra = new std::vector<uint32_t>();
    E.Extra->push_back(Lock);
  });
}

void tsanLockReleased(uint32_t Holder, uint32_t Lock) {
  // Holder: a Lock may be released by another actor than its holder.
  updateHeld(Holder, [Lock](HeldEntry &E) {
    uint32_t N = ld(E.Num, std::memory_order_relaxed);
    for (uint32_t I = 0; I < N; ++I) {
      if (ld(E.Held[I], std::memory_order_relaxed) != Lock)
        continue;
      // Keep the order of acquisition: shift the later ones down, and
      // bring the first extra one (if any) into the last place.
      for (uint32_t J = I + 1; J < N; ++J)
        st(E.Held[J - 1], ld(E.Held[J], std::memory_order_relaxed),
           std::memory_order_relaxed);
      if (E.Extra && !E.Extra->empty()) {
        st(E.Held[N - 1], E.Extra->front(), std::memory_order_relaxed);
        E.Extra->erase(E.Extra->begin());
      } else {
        st(E.Num, N - 1, std::memory_order_relaxed);
      }
      return;
    }
    if (E.Extra)
      E.Extra->erase(std::remove(E.Extra->begin(), E.Extra->end(), Lock),
                     E.Extra->end());
  });
}

void tsanFinishLocked(Monitor &M) {
  drainLocked(M);
  if (unsigned N = Dropped.load(std::memory_order_relaxed))
    writeStderr(("weft: " + std::to_string(N) +
                 " ThreadSanitizer report(s) arrived too fast to be recorded; " +
                 logFileText(::getpid()) + "\n")
                    .c_str());
}

} // namespace weft::core

extern "C" const char *__tsan_default_options() {
  weft::core::buildDefaultOptions();
  return weft::core::DefaultOptions;
}

extern "C" void __tsan_on_report(void *Report) {
  using namespace weft::core;
  __tsan_ignore_thread_begin();
  const char *Description = nullptr;
  int Count = 0, Stacks = 0, Mops = 0, Locs = 0, Mutexes = 0, Threads = 0,
      Unique = 0;
  void *Sleep[1];
  if (__tsan_get_report_data(Report, &Description, &Count, &Stacks, &Mops,
                             &Locs, &Mutexes, &Threads, &Unique, Sleep, 1) &&
      Description) {
    if ((std::strcmp(Description, "data-race") == 0 ||
         std::strcmp(Description, "data-race-vptr") == 0) &&
        Mops >= 2) {
      onDataRace(Report, Mops, Locs, Threads);
    } else {
      // Not a weft finding: say where TSan's text is (a lock-order report
      // only appears if TSAN_OPTIONS turned detect_deadlocks back on).
      char Line[800] = "weft: ThreadSanitizer reported a ";
      appendStr(Line, sizeof(Line), Description);
      appendStr(Line, sizeof(Line), " (not a weft finding); ");
      if (LogPrefix[0]) {
        appendStr(Line, sizeof(Line), "see ");
        appendStr(Line, sizeof(Line), LogPrefix);
        appendStr(Line, sizeof(Line), ".");
        appendUnsigned(Line, sizeof(Line),
                       static_cast<unsigned long>(::getpid()));
      } else {
        appendStr(Line, sizeof(Line), "its text is above");
      }
      appendStr(Line, sizeof(Line), "\n");
      writeStderr(Line);
    }
  }
  __tsan_ignore_thread_end();
}

#endif
