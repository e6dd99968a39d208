//===- trace/ObjectName.cpp - one spelling of an object for every tool ----===//

#include "trace/ObjectName.h"

#include "trace/Describe.h"

#include <cctype>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <vector>

namespace weft::trace {
namespace {

/// Source files read so far, line by line. Read once per file and process;
/// a file over MaxBytes (or absent) is remembered as empty.
class SourceCache {
public:
  std::string line(const std::string &File, uint32_t Line) {
    std::lock_guard<std::mutex> G(Mu);
    auto It = Files.find(File);
    if (It == Files.end())
      It = Files.emplace(File, load(File)).first;
    const std::vector<std::string> &Lines = It->second;
    return Line >= 1 && Line <= Lines.size() ? Lines[Line - 1] : std::string();
  }

private:
  static constexpr std::streamoff MaxBytes = 8 << 20;
  static std::vector<std::string> load(const std::string &File) {
    std::vector<std::string> Lines;
    std::ifstream In(File, std::ios::binary);
    if (!In)
      return Lines;
    In.seekg(0, std::ios::end);
    if (In.tellg() > MaxBytes)
      return Lines;
    In.seekg(0);
    std::string L;
    while (std::getline(In, L))
      Lines.push_back(L);
    return Lines;
  }
  std::mutex Mu;
  std::map<std::string, std::vector<std::string>> Files;
};

SourceCache &cache() {
  static SourceCache *C = new SourceCache; // never freed: used at exit
  return *C;
}

bool identStart(char C) {
  return std::isalpha(static_cast<unsigned char>(C)) || C == '_';
}
bool identChar(char C) {
  return std::isalnum(static_cast<unsigned char>(C)) || C == '_';
}

/// Words that can stand where a creation site's column points but are
/// not a declared name.
bool isKeyword(std::string_view W) {
  static const std::set<std::string_view> Words = {
      "auto",   "const",  "static",  "struct",   "class",    "union",
      "new",    "return", "throw",   "co_return", "co_yield", "case",
      "delete", "this",   "typename", "template", "sizeof",   "decltype",
      "mutable", "inline", "thread_local", "constexpr", "operator", "do",
      "else",   "if",     "for",     "while",    "switch"};
  return Words.count(W) != 0;
}

/// The identifier that ends Text (after trailing blanks), or "".
std::string trailingIdent(std::string_view Text) {
  size_t End = Text.size();
  while (End > 0 && std::isspace(static_cast<unsigned char>(Text[End - 1])))
    --End;
  size_t Begin = End;
  while (Begin > 0 && identChar(Text[Begin - 1]))
    --Begin;
  if (Begin == End || !identStart(Text[Begin]))
    return "";
  return std::string(Text.substr(Begin, End - Begin));
}

std::string_view trimRight(std::string_view S) {
  while (!S.empty() && std::isspace(static_cast<unsigned char>(S.back())))
    S.remove_suffix(1);
  return S;
}

} // namespace

std::string variableAt(const std::string &File, uint32_t Line, uint32_t Column,
                       std::string_view TypeName) {
  if (File.empty() || Line == 0 || Column == 0)
    return "";
  std::string Text = cache().line(File, Line);
  size_t Pos = Column - 1;
  if (Pos >= Text.size() || !identStart(Text[Pos]))
    return "";
  size_t End = Pos;
  while (End < Text.size() && identChar(Text[End]))
    ++End;
  std::string Word = Text.substr(Pos, End - Pos);
  std::string_view Before = trimRight(std::string_view(Text).substr(0, Pos));
  std::string_view After = std::string_view(Text).substr(End);
  while (!After.empty() && std::isspace(static_cast<unsigned char>(After[0])))
    After.remove_prefix(1);

  // `auto l = weft::threading::Lock();`: the column is at the expression;
  // the name is the one assigned to.
  if (!Before.empty() && Before.back() == '=' &&
      (Before.size() < 2 || std::string_view("=!<>+-*/%&|^").find(
                                Before[Before.size() - 2]) == std::string_view::npos)) {
    std::string Name = trailingIdent(Before.substr(0, Before.size() - 1));
    return isKeyword(Name) ? "" : Name;
  }
  // A type or a namespace (`weft::Lock()`, `Lock<...>`), a keyword before
  // it (`struct Account` for a member's implicit constructor, `new`,
  // `return`), or the type's own name (a temporary `Lock()`).
  if (After.rfind("::", 0) == 0 || (!After.empty() && After[0] == '<'))
    return "";
  if (isKeyword(Word) || Word == TypeName)
    return "";
  // Reserved names (`_Tp`, `__x`) are a library's template parameters,
  // as in placement new `::new (p) _Tp(...)`, never the user's variable.
  if (Word[0] == '_' && Word.size() > 1 &&
      (Word[1] == '_' || std::isupper(static_cast<unsigned char>(Word[1]))))
    return "";
  if (!Before.empty() && Before.back() == ')')
    return "";
  std::string Prev = trailingIdent(Before);
  if (isKeyword(Prev) && Prev != "const" && Prev != "static" &&
      Prev != "mutable" && Prev != "inline" && Prev != "thread_local" &&
      Prev != "constexpr")
    return "";
  // A declaration or a member initializer ends the name with one of these.
  if (!After.empty() && std::string_view(";,({=[)").find(After[0]) ==
                            std::string_view::npos)
    return "";
  return Word;
}

std::string describeObject(std::string_view TypeName, const std::string &Name,
                           const std::string &File, uint32_t Line,
                           uint32_t Column, uint32_t Id,
                           const std::function<bool()> &SharedLine) {
  std::string Type(TypeName);
  if (!Name.empty())
    return Type + " '" + Name + "'";
  if (File.empty())
    return Type + " #" + std::to_string(Id);
  std::string Where = baseName(File) + ":" + std::to_string(Line);
  std::string Var = variableAt(File, Line, Column, TypeName);
  if (!Var.empty())
    return Type + " '" + Var + "' (created at " + Where + ")";
  if (Column != 0 && SharedLine && SharedLine())
    Where += ":" + std::to_string(Column);
  return Type + " (created at " + Where + ")";
}

} // namespace weft::trace
