//===- runtime/lib/core/Flags.cpp - parse the runtime's environment ------------===//
#include "core/Flags.h"

#include <cerrno>
#include <cstdlib>
#include <string>
#include <unistd.h>

namespace weft::core {
namespace {

// Each parser returns false with a description of what it expected.
bool parseValue(std::string_view S, std::string &Out, std::string &) {
  Out = std::string(S);
  return true;
}

bool parseValue(std::string_view S, int &Out, std::string &Expected) {
  Expected = "an integer from 0 to 255";
  std::string Str(S);
  char *End = nullptr;
  errno = 0;
  long V = std::strtol(Str.c_str(), &End, 10);
  if (Str.empty() || *End != '\0' || errno != 0 || V < 0 || V > 255)
    return false;
  Out = static_cast<int>(V);
  return true;
}

bool parseValue(std::string_view S, double &Out, std::string &Expected) {
  Expected = "a non-negative number";
  std::string Str(S);
  char *End = nullptr;
  errno = 0;
  double V = std::strtod(Str.c_str(), &End);
  if (Str.empty() || *End != '\0' || errno != 0 || !(V >= 0))
    return false;
  Out = V;
  return true;
}

bool parseValue(std::string_view S, ReportMode &Out, std::string &Expected) {
  Expected = "text, json, sarif or off";
  if (S == "text")
    Out = ReportMode::Text;
  else if (S == "json")
    Out = ReportMode::Json;
  else if (S == "sarif")
    Out = ReportMode::Sarif;
  else if (S == "off")
    Out = ReportMode::Off;
  else
    return false;
  return true;
}

void complain(const char *Env, std::string_view Value,
              const std::string &Expected) {
  std::string Msg = "weft: ignoring ";
  Msg += Env;
  Msg += "='";
  Msg += Value;
  Msg += "': expected ";
  Msg += Expected;
  Msg += "; using the default\n";
  ssize_t R = ::write(2, Msg.data(), Msg.size());
  (void)R;
}

} // namespace

Flags Flags::fromEnvironment() {
  Flags F;
#define WEFT_FLAG(Name, Env, Type, Default, Help)                              \
  if (const char *V = std::getenv(Env)) {                                      \
    std::string Expected;                                                      \
    Type Parsed{};                                                             \
    if (parseValue(V, Parsed, Expected))                                       \
      F.Name = Parsed;                                                         \
    else                                                                       \
      complain(Env, V, Expected);                                              \
  }
#include "core/Flags.def"
  F.TracePathGiven = !F.TracePath.empty();
  return F;
}

std::string flagsHelp() {
  std::string S;
#define WEFT_FLAG(Name, Env, Type, Default, Help)                              \
  S += Env;                                                                    \
  S += "\n    ";                                                               \
  S += Help;                                                                   \
  S += "\n";
#include "core/Flags.def"
  return S;
}

} // namespace weft::core
