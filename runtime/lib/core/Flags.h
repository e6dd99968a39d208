//===- runtime/lib/core/Flags.h - settings read once from the environment ------===//
//
// Generated from Flags.def. A bad value prints one line on stderr saying
// what was expected and keeps the default.
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_FLAGS_H
#define WEFT_RUNTIME_FLAGS_H

#include <string>
#include <string_view>

namespace weft::core {

enum class ReportMode { Text, Json, Sarif, Off };

struct Flags {
#define WEFT_FLAG(Name, Env, Type, Default, Help) Type Name = Default;
#include "core/Flags.def"
  /// True if WEFT_TRACE was given (the trace is then always kept).
  bool TracePathGiven = false;

  /// Reads every setting from the environment.
  static Flags fromEnvironment();
};

/// "WEFT_TRACE  <help>" lines, one per setting.
std::string flagsHelp();

} // namespace weft::core

#endif
