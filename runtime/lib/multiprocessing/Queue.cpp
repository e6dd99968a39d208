//===- runtime/lib/multiprocessing/Queue.cpp - multiprocessing.Queue ---------===//
//
// Python's multiprocessing/queues.py without the feeder thread: a socket
// pair carries framed messages (Messages.h); a writer lock and a reader
// lock (SharedMutex, in shared memory) keep messages whole; a count in
// shared memory is the semaphore behind maxsize and qsize. put records
// message-send, get message-recv with the message's run-wide id.
//===----------------------------------------------------------------------===//
#include "weft/multiprocessing.h"

#include "core/Kernel.h"
#include "core/Futex.h"
#include "core/Runtime.h"
#include "multiprocessing/CrossDeadlock.h"
#include "multiprocessing/Messages.h"
#include "multiprocessing/SharedMemory.h"
#include "tsan/TsanAnnotations.h"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace weft::multiprocessing::detail {

struct QueueShared {
  mp_impl::SharedMutex ReadLock, WriteLock;
  std::atomic<uint32_t> Count{0}; // items put and not yet got (a futex word)
  uint32_t MaxSize = 0;
};

struct QueueState {
  int ReadFd = -1, WriteFd = -1;
  QueueShared *Sh = nullptr;
  bool Closed = false;
  std::string repr() const {
    char Buf[96];
    std::snprintf(Buf, sizeof Buf,
                  "<multiprocessing.queues.Queue object at %p>",
                  static_cast<const void *>(Sh));
    return Buf;
  }
  ~QueueState() {
    if (ReadFd >= 0)
      ::close(ReadFd);
    if (WriteFd >= 0)
      ::close(WriteFd);
  }
};

namespace {
std::optional<int64_t> deadlineOf(bool Block, std::optional<double> Timeout) {
  if (!Block)
    return 0;
  if (!Timeout)
    return std::nullopt;
  return mp_impl::clockNow() +
         static_cast<int64_t>(std::max(0.0, *Timeout) * 1e9);
}
} // namespace

QueueBase::QueueBase(int MaxSize, SourceLoc Loc)
    : State(std::make_shared<QueueState>()) {
  (void)Loc;
  int Fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, Fds) != 0)
    throw OSError(mp_impl::errnoText(errno));
  State->ReadFd = Fds[0];
  State->WriteFd = Fds[1];
  State->Sh = mp_impl::sharedNew<QueueShared>();
  State->Sh->MaxSize = MaxSize <= 0 ? INT_MAX : static_cast<uint32_t>(MaxSize);
  std::snprintf(State->Sh->ReadLock.Name, sizeof State->Sh->ReadLock.Name,
                "the reader lock of a Queue");
  std::snprintf(State->Sh->WriteLock.Name, sizeof State->Sh->WriteLock.Name,
                "the writer lock of a Queue");
}

void QueueBase::putBytes(std::string Bytes, bool Block,
                         std::optional<double> Timeout, SourceLoc Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  if (State->Closed)
    throw ValueError("Queue " + State->repr() + " is closed");
  QueueShared &Sh = *State->Sh;
  std::optional<int64_t> Deadline = deadlineOf(Block, Timeout);
  // The semaphore: a free place, or wait for one.
  for (;;) {
    uint32_t N = Sh.Count.load();
    if (N < Sh.MaxSize) {
      if (Sh.Count.compare_exchange_weak(N, N + 1))
        break;
      continue;
    }
    if (Deadline && mp_impl::clockNow() >= *Deadline)
      throw queue::Full();
    core::runtime().Rec.drain();
    timespec At{};
    if (Deadline)
      At = {static_cast<time_t>(*Deadline / 1000000000),
            static_cast<long>(*Deadline % 1000000000)};
    core::sysFutexWait(Sh.Count, N, Deadline ? &At : nullptr,
                       core::FutexScope::Shared);
  }
  core::Runtime &R = core::runtime();
  uint32_t Id = mp_impl::nextMessageId();
  R.Rec.sync(trace::EventKind::MessageSend, 0, core::self().Id, Id,
             R.Rec.site(Loc));
  mp_impl::acquireShared(Sh.WriteLock, std::nullopt, Loc);
  int Err = mp_impl::writeMessage(State->WriteFd, Id, Bytes);
  mp_impl::releaseShared(Sh.WriteLock);
  if (Err)
    throw OSError(mp_impl::errnoText(Err));
}

std::string QueueBase::getBytes(bool Block, std::optional<double> Timeout,
                                SourceLoc Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  if (State->Closed)
    throw ValueError("Queue " + State->repr() + " is closed");
  QueueShared &Sh = *State->Sh;
  std::optional<int64_t> Deadline = deadlineOf(Block, Timeout);
  if (!mp_impl::acquireShared(Sh.ReadLock, Deadline, Loc))
    throw queue::Empty();
  struct Unlock {
    mp_impl::SharedMutex &M;
    ~Unlock() { mp_impl::releaseShared(M); }
  } U{Sh.ReadLock};
  std::optional<int64_t> KernelDeadline;
  if (Deadline)
    KernelDeadline = core::kernel().now() +
                     std::max<int64_t>(0, *Deadline - mp_impl::clockNow());
  if (!mp_impl::waitReadable(State->ReadFd, KernelDeadline))
    throw queue::Empty();
  uint32_t Id = 0;
  std::string Payload;
  int Err = 0;
  if (mp_impl::readMessage(State->ReadFd, Id, Payload, Err) !=
      mp_impl::ReadResult::Ok)
    throw OSError(mp_impl::errnoText(Err ? Err : EIO));
  Sh.Count.fetch_sub(1);
  core::sysFutexWake(Sh.Count, INT_MAX, core::FutexScope::Shared);
  core::Runtime &R = core::runtime();
  R.Rec.sync(trace::EventKind::MessageRecv, 0, core::self().Id, Id,
             R.Rec.site(Loc));
  return Payload;
}

bool QueueBase::empty() const {
  return !mp_impl::waitReadable(State->ReadFd, core::kernel().now());
}

bool QueueBase::full() const {
  return State->Sh->Count.load() >= State->Sh->MaxSize;
}

int QueueBase::qsize() const {
  return static_cast<int>(State->Sh->Count.load());
}

void QueueBase::close() { State->Closed = true; }

void QueueBase::join_thread() {
  if (!State->Closed)
    throw AssertionError("Queue " + State->repr() + " not closed");
}

} // namespace weft::multiprocessing::detail
