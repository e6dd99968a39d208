//===- report/JsonWriter.h - a small streaming JSON writer ----------------===//
//
// Internal to report/: what renderJson and renderSarif write with. Output is
// indented two spaces per level; an object or array opened "inline" is
// written on one line ({"rule": "deadlock", "line": 3}), with everything
// inside it. Both are FileCheck-friendly: one member, or one finding, per
// line. Strings are escaped per RFC 8259; valid UTF-8 passes
// through, invalid bytes become U+FFFD so the output is always valid JSON.
//===----------------------------------------------------------------------===//
#ifndef WEFT_REPORT_JSONWRITER_H
#define WEFT_REPORT_JSONWRITER_H

#include <cstdint>
#include <ostream>
#include <string_view>
#include <vector>

namespace weft::report {

/// Writes \p S as a quoted, escaped JSON string.
void writeJsonString(std::ostream &OS, std::string_view S);

class JsonWriter {
public:
  explicit JsonWriter(std::ostream &OS) : OS(OS) {}
  ~JsonWriter() { OS << '\n'; }

  void objectBegin(bool Inline = false) { open('{', true, Inline); }
  void objectEnd() { close('}'); }
  void arrayBegin(bool Inline = false) { open('[', false, Inline); }
  void arrayEnd() { close(']'); }
  /// The key of the next object member.
  void key(std::string_view K);

  void value(std::string_view S) {
    scalar();
    writeJsonString(OS, S);
  }
  void value(const char *S) { value(std::string_view(S)); }
  void value(uint64_t N) {
    scalar();
    OS << N;
  }
  void value(unsigned N) { value(uint64_t(N)); }
  void value(int64_t N) {
    scalar();
    OS << N;
  }
  void value(int N) { value(int64_t(N)); }
  void value(bool B) {
    scalar();
    OS << (B ? "true" : "false");
  }
  void null() {
    scalar();
    OS << "null";
  }

  template <typename T> void member(std::string_view K, const T &V) {
    key(K);
    value(V);
  }

private:
  struct Level {
    bool IsObject;
    size_t Count = 0;
    bool Inline = false;
  };
  void open(char C, bool IsObject, bool Inline);
  /// Before an element or a key: the separator and, unless inline, a new
  /// indented line.
  void separate(Level &L);
  void close(char C);
  void scalar();
  void newline(size_t Depth);

  std::ostream &OS;
  std::vector<Level> Stack;
};

} // namespace weft::report

#endif
