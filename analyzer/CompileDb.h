//===- analyzer/CompileDb.h - checking a compile_commands.json ------------===//
//
// `weft analyze -p BUILD_DIR` reads BUILD_DIR/compile_commands.json. Clang's
// loader reports a malformed database with its raw YAML parser message (or
// "Expected array." with no place); this check runs first and says what is
// wrong in one line with the file's line and column, and treats a database
// with no entries as an error (it would otherwise analyze nothing, clean).
//===----------------------------------------------------------------------===//
#ifndef WEFT_ANALYZER_COMPILEDB_H
#define WEFT_ANALYZER_COMPILEDB_H

#include "report/Finding.h"

#include <optional>
#include <string>
#include <vector>

namespace weft::analyzer {

/// Reads and checks BUILD_DIR/compile_commands.json. On success returns the
/// files it lists (absolute, in the database's order, each once); else an
/// InputError naming the database (with Line/Column when it does not parse).
std::optional<std::vector<std::string>>
checkCompileDatabase(const std::string &BuildDir, report::InputError &Error);

} // namespace weft::analyzer

#endif
