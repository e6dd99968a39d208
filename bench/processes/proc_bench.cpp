//===- bench/processes/proc_bench.cpp - processes against the system calls ---===//
//
// Three ratios, each against a baseline measured in the same run:
//   pipe:    N values (a 64-byte std::string) sent through a weft Pipe from a
//            child to its parent, against a socket pair carrying the same
//            serialized bytes with the same 8-byte frame (write/read);
//   queue:   the same through a multiprocessing::Queue;
//   process: M Process start+join against M fork + waitpid.
// Prints "name weft_s base_s ratio" lines.
//===----------------------------------------------------------------------===//
#include <weft/weft.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace weft;
namespace mp = weft::multiprocessing;
using Clock = std::chrono::steady_clock;

static double since(Clock::time_point T) {
  return std::chrono::duration<double>(Clock::now() - T).count();
}

static const std::string Value(64, 'x');

static void writeAll(int Fd, const char *P, size_t N) {
  while (N) {
    ssize_t W = ::write(Fd, P, N);
    if (W <= 0)
      std::exit(3);
    P += W, N -= size_t(W);
  }
}
static void readAll(int Fd, char *P, size_t N) {
  while (N) {
    ssize_t R = ::read(Fd, P, N);
    if (R <= 0)
      std::exit(3);
    P += R, N -= size_t(R);
  }
}

static double plainPipe(int N) {
  std::string Bytes = mp::detail::dumps(Value);
  std::string Frame(8 + Bytes.size(), '\0');
  Frame.replace(8, Bytes.size(), Bytes);
  int Fds[2];
  ::socketpair(AF_UNIX, SOCK_STREAM, 0, Fds);
  auto T = Clock::now();
  pid_t Pid = ::fork();
  if (Pid == 0) {
    for (int I = 0; I < N; ++I)
      writeAll(Fds[1], Frame.data(), Frame.size());
    ::_exit(0);
  }
  std::string Buf(Frame.size(), '\0');
  for (int I = 0; I < N; ++I) {
    readAll(Fds[0], Buf.data(), 8);
    readAll(Fds[0], Buf.data() + 8, Bytes.size());
    (void)mp::detail::loads<std::string>(Buf.substr(8));
  }
  ::waitpid(Pid, nullptr, 0);
  double S = since(T);
  ::close(Fds[0]), ::close(Fds[1]);
  return S;
}

static double weftPipe(int N) {
  auto [A, B] = mp::Pipe();
  auto T = Clock::now();
  mp::Process P([N](mp::Connection C) {
    for (int I = 0; I < N; ++I)
      C.send(Value);
  }, B);
  P.start();
  for (int I = 0; I < N; ++I)
    (void)A.recv<std::string>();
  P.join();
  return since(T);
}

static double weftQueue(int N) {
  mp::Queue<std::string> Q;
  auto T = Clock::now();
  mp::Process P([N](mp::Queue<std::string> Q) {
    for (int I = 0; I < N; ++I)
      Q.put(Value);
  }, Q);
  P.start();
  for (int I = 0; I < N; ++I)
    (void)Q.get();
  P.join();
  return since(T);
}

static double plainFork(int M) {
  auto T = Clock::now();
  for (int I = 0; I < M; ++I) {
    pid_t Pid = ::fork();
    if (Pid == 0)
      ::_exit(0);
    ::waitpid(Pid, nullptr, 0);
  }
  return since(T);
}

static double weftProcess(int M) {
  auto T = Clock::now();
  for (int I = 0; I < M; ++I) {
    mp::Process P([] {});
    P.start();
    P.join();
  }
  return since(T);
}

static void row(const char *Name, double W, double B) {
  std::printf("%-8s weft %.4f s  plain %.4f s  ratio %.2f\n", Name, W, B,
              W / B);
}

int main(int argc, char **argv) {
  int N = argc > 1 ? std::atoi(argv[1]) : 100000;
  int M = argc > 2 ? std::atoi(argv[2]) : 200;
  row("pipe", weftPipe(N), plainPipe(N));
  row("queue", weftQueue(N), plainPipe(N));
  row("process", weftProcess(M), plainFork(M));
}
