//===- analyzer/CompileDb.cpp - checking a compile_commands.json ----------===//
#include "analyzer/CompileDb.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <cctype>
#include <cstdio>
#include <set>

namespace weft::analyzer {

namespace {
/// "[3:5, byte=40]: Expected , or ] after array element" -> line, column
/// and "expected , or ] after array element".
void parseErrorPlace(std::string Msg, report::InputError &E) {
  unsigned Line = 0, Col = 0, Byte = 0;
  int Used = 0;
  if (std::sscanf(Msg.c_str(), "[%u:%u, byte=%u]: %n", &Line, &Col, &Byte,
                  &Used) >= 3 &&
      Used > 0) {
    E.Line = Line;
    E.Column = Col;
    Msg = Msg.substr(static_cast<size_t>(Used));
  }
  if (!Msg.empty())
    Msg[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(Msg[0])));
  E.Message = "not a valid compilation database: " + Msg;
}

std::optional<std::string> stringMember(const llvm::json::Object &O,
                                        llvm::StringRef Key) {
  if (std::optional<llvm::StringRef> S = O.getString(Key))
    return S->str();
  return std::nullopt;
}
} // namespace

std::optional<std::vector<std::string>>
checkCompileDatabase(const std::string &BuildDir, report::InputError &Error) {
  llvm::SmallString<256> Path(BuildDir);
  llvm::sys::path::append(Path, "compile_commands.json");
  Error = report::InputError{};
  Error.File = std::string(Path);
  if (llvm::sys::fs::is_directory(Path) || !llvm::sys::fs::exists(Path)) {
    Error.File = BuildDir;
    Error.Message = llvm::sys::fs::is_directory(BuildDir)
                        ? "no compile_commands.json in this directory"
                        : "no such directory";
    return std::nullopt;
  }
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf) {
    Error.Message = "cannot read: " + Buf.getError().message();
    return std::nullopt;
  }
  llvm::Expected<llvm::json::Value> Root = llvm::json::parse((*Buf)->getBuffer());
  if (!Root) {
    parseErrorPlace(llvm::toString(Root.takeError()), Error);
    return std::nullopt;
  }
  const llvm::json::Array *Entries = Root->getAsArray();
  if (!Entries) {
    Error.Message = "not a valid compilation database: expected an array of "
                    "entries ({\"directory\", \"file\", \"command\" or "
                    "\"arguments\"})";
    return std::nullopt;
  }
  if (Entries->empty()) {
    Error.Message = "the compilation database has no entries (was the build "
                    "configured with CMAKE_EXPORT_COMPILE_COMMANDS=ON?)";
    return std::nullopt;
  }
  std::vector<std::string> Files;
  std::set<std::string> Seen;
  for (size_t I = 0; I < Entries->size(); ++I) {
    auto Bad = [&](const std::string &What) {
      Error.Message = "not a valid compilation database: entry " +
                      std::to_string(I + 1) + " " + What;
      return std::nullopt;
    };
    const llvm::json::Object *O = (*Entries)[I].getAsObject();
    if (!O)
      return Bad("is not an object");
    std::optional<std::string> Dir = stringMember(*O, "directory");
    std::optional<std::string> File = stringMember(*O, "file");
    if (!Dir)
      return Bad("has no \"directory\" string");
    if (!File)
      return Bad("has no \"file\" string");
    const llvm::json::Array *Args = O->getArray("arguments");
    if (!stringMember(*O, "command") && !Args)
      return Bad("has neither \"command\" nor \"arguments\"");
    if (Args)
      for (const llvm::json::Value &A : *Args)
        if (!A.getAsString())
          return Bad("has an \"arguments\" member that is not an array of "
                     "strings");
    llvm::SmallString<256> Abs(*File);
    if (!llvm::sys::path::is_absolute(Abs))
      llvm::sys::fs::make_absolute(*Dir, Abs);
    llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
    if (Seen.insert(std::string(Abs)).second)
      Files.push_back(std::string(Abs));
  }
  return Files;
}

} // namespace weft::analyzer
