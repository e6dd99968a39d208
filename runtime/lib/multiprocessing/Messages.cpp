//===- runtime/lib/multiprocessing/Messages.cpp - messages between processes -===//
#include "multiprocessing/Messages.h"

#include "core/Kernel.h"
#include "core/Runtime.h"
#include "os/Children.h"

#include "weft/multiprocessing.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace weft::multiprocessing::detail {
std::string undecodable(std::string_view What) {
  return "the message does not hold a value of the type asked for (" +
         std::string(What) + ")";
}
} // namespace weft::multiprocessing::detail

namespace weft::mp_impl {
namespace {

int writeAll(int Fd, const char *P, size_t N) {
  while (N) {
    ssize_t W = ::send(Fd, P, N, MSG_NOSIGNAL);
    if (W < 0 && errno == ENOTSOCK)
      W = ::write(Fd, P, N);
    if (W < 0) {
      if (errno == EINTR)
        continue;
      return errno;
    }
    P += W;
    N -= static_cast<size_t>(W);
  }
  return 0;
}

/// 1: read all; 0: end of stream before the first byte; -1: error (Err).
int readAll(int Fd, char *P, size_t N, int &Err) {
  size_t Done = 0;
  while (Done < N) {
    ssize_t R = ::read(Fd, P + Done, N - Done);
    if (R < 0) {
      if (errno == EINTR)
        continue;
      Err = errno;
      return -1;
    }
    if (R == 0) {
      if (Done == 0)
        return 0;
      Err = EIO;
      return -1;
    }
    Done += static_cast<size_t>(R);
  }
  return 1;
}

void putU32(char *P, uint32_t V) {
  P[0] = char(V >> 24), P[1] = char(V >> 16), P[2] = char(V >> 8), P[3] = char(V);
}
uint32_t getU32(const char *P) {
  auto B = [&](int I) { return uint32_t(static_cast<unsigned char>(P[I])); };
  return B(0) << 24 | B(1) << 16 | B(2) << 8 | B(3);
}

} // namespace

uint32_t nextMessageId() {
  std::atomic_ref<uint32_t> N(os_impl::runShared().NextMessage);
  uint32_t Id = N.fetch_add(1) + 1;
  return Id ? Id : N.fetch_add(1) + 1;
}

int writeMessage(int Fd, uint32_t Id, std::string_view Payload) {
  std::string Buf(8 + Payload.size(), '\0');
  putU32(Buf.data(), static_cast<uint32_t>(Payload.size()));
  putU32(Buf.data() + 4, Id);
  std::memcpy(Buf.data() + 8, Payload.data(), Payload.size());
  return writeAll(Fd, Buf.data(), Buf.size());
}

ReadResult readMessage(int Fd, uint32_t &Id, std::string &Payload, int &Err) {
  char Head[8];
  int R = readAll(Fd, Head, 8, Err);
  if (R == 0)
    return ReadResult::Eof;
  if (R < 0)
    return ReadResult::Error;
  Payload.assign(getU32(Head), '\0');
  Id = getU32(Head + 4);
  if (!Payload.empty() && readAll(Fd, Payload.data(), Payload.size(), Err) != 1) {
    if (Err == 0)
      Err = EIO;
    return ReadResult::Error;
  }
  return ReadResult::Ok;
}

bool waitReadable(int Fd, std::optional<int64_t> DeadlineNs) {
  core::Kernel &K = core::kernel();
  bool Drained = false;
  for (;;) {
    int Ms = -1;
    if (DeadlineNs) {
      int64_t Left = *DeadlineNs - K.now();
      Ms = Left <= 0 ? 0
                     : static_cast<int>(std::min<int64_t>(
                           (Left + 999999) / 1000000, 1000 * 1000));
    }
    if (Ms != 0 && !Drained) {
      core::runtime().Rec.drain();
      Drained = true;
    }
    struct pollfd P{Fd, POLLIN, 0};
    int N = ::poll(&P, 1, Ms);
    if (N < 0 && errno == EINTR)
      continue;
    if (N > 0)
      return true;
    if (Ms == 0 || (DeadlineNs && K.now() >= *DeadlineNs))
      return false;
  }
}

std::string errnoText(int Err) {
  return "[Errno " + std::to_string(Err) + "] " + std::strerror(Err);
}

} // namespace weft::mp_impl
