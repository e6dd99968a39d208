//===- tools/weft/TsanRun.h - running ThreadSanitizer programs ------------===//
#ifndef WEFT_TOOLS_TSANRUN_H
#define WEFT_TOOLS_TSANRUN_H

#include "Cli.h"

namespace weft::cli {

/// True if \p Program (searched in PATH like execvp) contains the TSan
/// runtime (built with `weft c++ --tsan` or -fsanitize=thread).
bool isTsanProgram(const std::string &Program);
/// True if \p Program contains weft's runtime (it may still never start
/// it: the runtime starts at the first weft call).
bool hasWeftRuntime(const std::string &Program);
/// True if \p Output holds TSan's refusal to start because of the memory
/// layout, which disabling address randomization can fix.
bool tsanRefusedLayout(const std::string &Output);
/// `setarch <machine> -R ARGV...`.
std::vector<std::string> withoutAslr(const std::vector<std::string> &Argv);
/// The first 64 KiB of \p File (empty if unreadable).
std::string readHead(const std::string &File);

} // namespace weft::cli

#endif
