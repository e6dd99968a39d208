//===- runtime/lib/builtins/Print.cpp - weft::print's single write, Python's repr --===//
#include "weft/print.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cxxabi.h>
#include <unistd.h>

namespace weft::detail {

void writeLine(std::string_view Line) {
  // Whatever stdio holds goes first, so print() and printf() keep order.
  std::fflush(stdout);
  size_t Done = 0;
  while (Done < Line.size()) {
    ssize_t N = ::write(1, Line.data() + Done, Line.size() - Done);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return;
    Done += static_cast<size_t>(N);
  }
}

void appendStringRepr(std::string &Out, std::string_view S) {
  char Quote = S.find('\'') != std::string_view::npos &&
                       S.find('"') == std::string_view::npos
                   ? '"'
                   : '\'';
  Out += Quote;
  for (char C : S) {
    auto U = static_cast<unsigned char>(C);
    if (C == Quote || C == '\\') {
      Out += '\\';
      Out += C;
    } else if (C == '\n') {
      Out += "\\n";
    } else if (C == '\r') {
      Out += "\\r";
    } else if (C == '\t') {
      Out += "\\t";
    } else if (U < 0x20 || U == 0x7f) {
      fmt::format_to(std::back_inserter(Out), "\\x{:02x}", U);
    } else {
      Out += C; // UTF-8 text stays as it is, as Python prints it
    }
  }
  Out += Quote;
}

void appendFloatRepr(std::string &Out, double D) {
  // fmt's "{}" is the shortest text that reads back, with Python's switch
  // to exponents (below 1e-4, from 1e16); Python adds ".0" to an integral
  // value.
  std::string S = fmt::format("{}", D);
  if (S.find_first_of(".eni") == std::string::npos)
    S += ".0";
  Out += S;
}

void appendObjectRepr(std::string &Out, const std::type_info &Type,
                      const void *Address) {
  int Status = 0;
  char *Name = abi::__cxa_demangle(Type.name(), nullptr, nullptr, &Status);
  std::string Class = Status == 0 && Name ? Name : Type.name();
  std::free(Name);
  if (size_t Colon = Class.rfind("::"); Colon != std::string::npos)
    Class = Class.substr(Colon + 2);
  fmt::format_to(std::back_inserter(Out), "<__main__.{} object at {}>", Class,
                 Address);
}

} // namespace weft::detail
