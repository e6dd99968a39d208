// Seed 001 §3 (多线程实现socket服务): a thread-per-connection echo server
// (服务端) and its client (客户端), two programs in the notes, one here.
// Lesson: the server's main thread only accepts connections; each connection
// gets its own thread (action), which prints what the client sends and sends
// it back upper-cased, so several clients are served at once.
// Bug: none (clean). The seed's server lost its `def action(conn):` line:
// the `while True: try: recv ... send ... except Exception: break` loop sits
// under `sock.listen(5)`; it is translated as the action(conn) function that
// `Thread(target=action, args=(conn,))` evidently runs.
//
// What had to change to run it on its own and in a test:
// - Port 9000 becomes a port chosen at run time: bind port 0, then
//   getsockname() tells which one the system gave.
// - The client reads `input('>>>: ')` from the keyboard forever; here two
//   client threads, started by main after listen(), each send a fixed list
//   of lines (the empty one is skipped, as `if not msg:continue` does) and
//   then close their socket.
// - Both `while True` loops are bounded: the server accepts two connections
//   (one per client) instead of forever, and action() also stops when the
//   client has closed the connection: recv() returns no data. (The seed's
//   loop ends only on an exception; on Linux a closed connection is an empty
//   recv(), not an exception, so the seed would print empty lines forever.)
// - Python ignores SIGPIPE; send() uses MSG_NOSIGNAL for the same effect.
//
//   from threading import Thread
//   import socket
#include <weft/weft.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <memory>
#include <string>
#include <vector>

using namespace weft;
using threading::Thread;

const int BUFSIZE = 1024;

// -- 服务端 (server) ---------------------------------------------------------

void action(int conn) {
  // while True:
  while (true) {
    // try: date=conn.recv(BUFSIZE)
    char date[BUFSIZE];
    ssize_t n = ::recv(conn, date, BUFSIZE, 0);
    if (n <= 0) // except Exception: break  (or the client closed: see above)
      break;
    std::string text(date, n);
    print(text); // print(date.decode('utf-8'))
    std::string upper = text;
    for (char &c : upper)
      c = std::toupper(static_cast<unsigned char>(c));
    // conn.send(date.upper())
    if (::send(conn, upper.data(), upper.size(), MSG_NOSIGNAL) < 0)
      break;
  }
  ::close(conn);
}

// -- 客户端 (client) ---------------------------------------------------------

void client(int port, std::vector<std::string> lines) {
  // sock=socket.socket(socket.AF_INET,socket.SOCK_STREAM)
  int sock = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in ip_port{}; // ip_port=('127.0.0.1',port)
  ip_port.sin_family = AF_INET;
  ip_port.sin_port = htons(port);
  ip_port.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  // sock.connect(ip_port)
  if (::connect(sock, reinterpret_cast<sockaddr *>(&ip_port),
                sizeof ip_port) != 0) {
    print("connect failed");
    ::close(sock);
    return;
  }
  // while True: msg=input('>>>: ').strip() -- the lines stand in for input()
  for (const std::string &msg : lines) {
    if (msg.empty()) // if not msg:continue
      continue;
    ::send(sock, msg.data(), msg.size(), MSG_NOSIGNAL); // sock.send(msg.encode('utf-8'))
    char msg_recv[BUFSIZE];
    ssize_t n = ::recv(sock, msg_recv, BUFSIZE, 0); // msg_recv=sock.recv(BUFSIZE)
    if (n <= 0)
      break;
    print(std::string(msg_recv, n)); // print(msg_recv.decode('utf-8'))
  }
  ::close(sock);
}

int main() {
  // sock=socket.socket(socket.AF_INET,socket.SOCK_STREAM)
  int sock = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in ip_port{}; // ip_port=('127.0.0.1',0): the system picks the port
  ip_port.sin_family = AF_INET;
  ip_port.sin_port = htons(0);
  ip_port.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  // sock.bind(ip_port)
  if (::bind(sock, reinterpret_cast<sockaddr *>(&ip_port), sizeof ip_port) !=
      0) {
    print("bind failed");
    return 1;
  }
  socklen_t len = sizeof ip_port; // sock.getsockname()
  ::getsockname(sock, reinterpret_cast<sockaddr *>(&ip_port), &len);
  int port = ntohs(ip_port.sin_port);
  ::listen(sock, 5); // sock.listen(5)

  // The two clients (the notes' second program, run twice).
  Thread c1(client, port, std::vector<std::string>{"hello", "", "weft"});
  Thread c2(client, port, std::vector<std::string>{"thread per connection"});
  c1.start();
  c2.start();

  // if __name__ == '__main__':
  // Python rebinds p for every connection and the threads live on; in C++
  // the thread objects must outlive their threads, so they are kept here.
  std::vector<std::unique_ptr<Thread>> threads;
  // while True: -- bounded: one connection per client
  for (int i = 0; i < 2; ++i) {
    int conn = ::accept(sock, nullptr, nullptr); // conn,addr=sock.accept()
    if (conn < 0)
      break;
    // p=Thread(target=action,args=(conn,))
    threads.push_back(std::make_unique<Thread>(action, conn));
    threads.back()->start(); // p.start()
  }
  ::close(sock);
  // The clients and the action threads are waited for when main ends
  // (~Thread, as Python waits for non-daemon threads at exit).
}
