//===- runtime/lib/multiprocessing/Connection.cpp - Pipe and Connection ------===//
//
// Python's multiprocessing/connection.py for Pipe: a socket pair (duplex or
// not: one end then only receives, the other only sends), one framed
// message per send (Messages.h). send records message-send, recv
// message-recv with the message's run-wide id.
//===----------------------------------------------------------------------===//
#include "weft/multiprocessing.h"

#include "core/Kernel.h"
#include "core/Runtime.h"
#include "multiprocessing/Messages.h"
#include "tsan/TsanAnnotations.h"

#include <cerrno>
#include <sys/socket.h>
#include <unistd.h>

namespace weft::multiprocessing::detail {

struct ConnectionState {
  int Fd = -1;
  bool Readable = true, Writable = true;
  ~ConnectionState() {
    if (Fd >= 0)
      ::close(Fd);
  }
};

} // namespace weft::multiprocessing::detail

namespace weft::multiprocessing {
namespace {

int openFd(const detail::ConnectionState &S) {
  if (S.Fd < 0)
    throw OSError("handle is closed");
  return S.Fd;
}

} // namespace

void Connection::send_bytes(std::string_view Bytes, SourceLoc Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  int Fd = openFd(*State);
  if (!State->Writable)
    throw OSError("connection is read-only");
  core::Runtime &R = core::runtime();
  uint32_t Id = mp_impl::nextMessageId();
  // A release is recorded before it takes effect.
  R.Rec.sync(trace::EventKind::MessageSend, 0, core::self().Id, Id,
             R.Rec.site(Loc));
  if (int Err = mp_impl::writeMessage(Fd, Id, Bytes)) {
    if (Err == EPIPE || Err == ECONNRESET)
      throw BrokenPipeError(mp_impl::errnoText(Err));
    throw OSError(mp_impl::errnoText(Err));
  }
}

std::string Connection::recv_bytes(SourceLoc Loc) {
  WEFT_TSAN_IGNORE_ACCESSES();
  int Fd = openFd(*State);
  if (!State->Readable)
    throw OSError("connection is write-only");
  mp_impl::waitReadable(Fd, std::nullopt);
  uint32_t Id = 0;
  std::string Payload;
  int Err = 0;
  switch (mp_impl::readMessage(Fd, Id, Payload, Err)) {
  case mp_impl::ReadResult::Eof:
    throw EOFError("");
  case mp_impl::ReadResult::Error:
    throw OSError(mp_impl::errnoText(Err));
  case mp_impl::ReadResult::Ok:
    break;
  }
  core::Runtime &R = core::runtime();
  R.Rec.sync(trace::EventKind::MessageRecv, 0, core::self().Id, Id,
             R.Rec.site(Loc));
  return Payload;
}

bool Connection::poll(std::optional<double> Timeout) {
  WEFT_TSAN_IGNORE_ACCESSES();
  int Fd = openFd(*State);
  if (!State->Readable)
    throw OSError("connection is write-only");
  std::optional<int64_t> Deadline;
  if (Timeout)
    Deadline = core::kernel().deadlineAfter(*Timeout);
  return mp_impl::waitReadable(Fd, Deadline);
}

void Connection::close() {
  if (State->Fd >= 0)
    ::close(State->Fd);
  State->Fd = -1;
}

bool Connection::closed() const { return State->Fd < 0; }
bool Connection::readable() const { return State->Readable; }
bool Connection::writable() const { return State->Writable; }
int Connection::fileno() const { return openFd(*State); }

std::pair<Connection, Connection> Pipe(bool Duplex, SourceLoc Loc) {
  (void)Loc;
  int Fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, Fds) != 0)
    throw OSError(mp_impl::errnoText(errno));
  auto A = std::make_shared<detail::ConnectionState>();
  auto B = std::make_shared<detail::ConnectionState>();
  A->Fd = Fds[0];
  B->Fd = Fds[1];
  if (!Duplex) {
    A->Writable = false; // conn1 receives
    B->Readable = false; // conn2 sends
    ::shutdown(Fds[0], SHUT_WR);
    ::shutdown(Fds[1], SHUT_RD);
  }
  return {Connection(A), Connection(B)};
}

} // namespace weft::multiprocessing
