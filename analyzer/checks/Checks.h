//===- analyzer/checks/Checks.h - running the checks over the facts ------===//
#ifndef WEFT_ANALYZER_CHECKS_CHECKS_H
#define WEFT_ANALYZER_CHECKS_CHECKS_H

#include "analyzer/Facts.h"
#include "report/Finding.h"

#include <vector>

namespace weft::analyzer {

/// Each check: the facts of the whole program in, findings out.
using CheckFn = void (*)(const ProgramFacts &, std::vector<report::Finding> &);

#define WEFT_CHECK(Function, Id)                                               \
  void Function(const ProgramFacts &Facts, std::vector<report::Finding> &Out);
#include "analyzer/checks/Checks.def"

/// Runs every check of Checks.def; findings sorted and without duplicates.
std::vector<report::Finding> runChecks(const ProgramFacts &Facts);

/// "'lock1'" — a lock's name quoted for messages.
std::string quoted(const ProgramFacts &Facts, LockKey L);

} // namespace weft::analyzer

#endif
