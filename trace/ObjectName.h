//===- trace/ObjectName.h - one spelling of an object for every tool ------===//
//
// The runtime's online report, `weft trace show/check`, the pictures and
// the analyzer name a lock the same way: by the variable it is stored in,
// as the program spells it, with where it was created:
//
//   Lock 'lock1' (created at bank.cpp:12)
//
// A trace records only the creation site (file, line, column), not the
// variable. std::source_location's column at a declaration points at the
// declared name (`Lock lock1;`, `Lock a, b;`, `cond(lock)`, a member
// initializer `guard()`), so the name is read back from the source line
// when the source is readable from the current directory. Where it is not
// (another machine, a library header, `new Lock()`, a temporary), the name
// is left out and the column tells apart objects created on one line.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_TRACE_OBJECTNAME_H
#define WEFT_TRACE_OBJECTNAME_H

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace weft::trace {

/// The variable declared at File:Line:Column, or "" when the source cannot
/// be read or the text there is not a declared name. TypeName ("Lock") is
/// the object's type: a bare `Lock()` there is a temporary, not a name.
std::string variableAt(const std::string &File, uint32_t Line, uint32_t Column,
                       std::string_view TypeName);

/// "Lock 'lock1' (created at x.cpp:4)"; "Lock 'knife'" for an explicit
/// name; "Lock (created at x.cpp:4:9)" when no name is found, with the
/// column only when SharedLine() says another object was created on that
/// line. File empty: "Lock #Id".
std::string describeObject(std::string_view TypeName, const std::string &Name,
                           const std::string &File, uint32_t Line,
                           uint32_t Column, uint32_t Id,
                           const std::function<bool()> &SharedLine);

} // namespace weft::trace

#endif
