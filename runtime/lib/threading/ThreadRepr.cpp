//===- runtime/lib/threading/ThreadRepr.cpp - Python's repr of a Thread -------------===//
//
// print(t) in Python prints "<Thread(Thread-1, started 140233)>": the class
// name (a subclass prints its own), the name, "initial", "started" or
// "stopped", " daemon" for a daemon, and the ident once there is one. The
// main thread is a _MainThread, a thread weft did not start a _DummyThread.
//===----------------------------------------------------------------------===//
#include "weft/threading.h"

#include <cstdlib>
#include <cxxabi.h>
#include <string>
#include <typeinfo>

namespace weft::threading {
namespace {

/// The C++ class name of \p T without its namespaces ("MyThread").
std::string className(const Thread &T) {
  const char *Mangled = typeid(T).name();
  int Status = 0;
  char *Name = abi::__cxa_demangle(Mangled, nullptr, nullptr, &Status);
  std::string S = Status == 0 && Name ? Name : Mangled;
  std::free(Name);
  size_t Colon = S.rfind("::");
  return Colon == std::string::npos ? S : S.substr(Colon + 2);
}

} // namespace

std::ostream &operator<<(std::ostream &OS, const Thread &T) {
  std::string Class = className(T);
  if (&T == &main_thread())
    Class = "_MainThread";
  else if (T.name().rfind("Dummy-", 0) == 0 && Class == "Thread")
    Class = "_DummyThread";
  std::optional<uint64_t> Ident = T.ident();
  OS << '<' << Class << '(' << T.name() << ", "
     << (!Ident ? "initial" : T.is_alive() ? "started" : "stopped")
     << (T.daemon() ? " daemon" : "");
  if (Ident)
    OS << ' ' << *Ident;
  return OS << ")>";
}

} // namespace weft::threading
