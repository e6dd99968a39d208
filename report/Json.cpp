//===- report/Json.cpp - findings as JSON ---------------------------------===//
//
// The contract tests and CI rely on:
//   {"tool", "version",
//    "findings": [{"rule", "severity", "message", "file", "line", "column",
//                  "origin", "related": [{"file", "line", "column",
//                  "message"}], "notes": ["message"]}],
//    "errors": [{"file", ["line", "column",] "message"}]}
// Paths are displayPath()s; "notes" holds the related messages that have
// no place (report/Render.h isPlace). Indented like `python3 -m json.tool`: one member per line, "key": value.
//===----------------------------------------------------------------------===//
#include "report/JsonWriter.h"
#include "report/Render.h"

namespace weft::report {

//===----------------------------------------------------------------------===//
// JsonWriter
//===----------------------------------------------------------------------===//

namespace {
/// Length of the valid UTF-8 sequence starting at S[I], or 0 if invalid.
size_t utf8Length(std::string_view S, size_t I) {
  auto B = [&](size_t K) { return static_cast<unsigned char>(S[I + K]); };
  auto Cont = [&](size_t K) {
    return I + K < S.size() && (B(K) & 0xC0) == 0x80;
  };
  unsigned char C = B(0);
  if (C < 0x80)
    return 1;
  if (C >= 0xC2 && C <= 0xDF)
    return Cont(1) ? 2 : 0;
  if (C >= 0xE0 && C <= 0xEF) {
    if (!Cont(1) || !Cont(2))
      return 0;
    if ((C == 0xE0 && B(1) < 0xA0) || (C == 0xED && B(1) > 0x9F))
      return 0; // overlong, or a surrogate
    return 3;
  }
  if (C >= 0xF0 && C <= 0xF4) {
    if (!Cont(1) || !Cont(2) || !Cont(3))
      return 0;
    if ((C == 0xF0 && B(1) < 0x90) || (C == 0xF4 && B(1) > 0x8F))
      return 0; // overlong, or past U+10FFFF
    return 4;
  }
  return 0;
}
} // namespace

void writeJsonString(std::ostream &OS, std::string_view S) {
  static constexpr char Hex[] = "0123456789abcdef";
  OS << '"';
  for (size_t I = 0; I < S.size();) {
    auto C = static_cast<unsigned char>(S[I]);
    switch (C) {
    case '"':
      OS << "\\\"";
      ++I;
      continue;
    case '\\':
      OS << "\\\\";
      ++I;
      continue;
    case '\b':
      OS << "\\b";
      ++I;
      continue;
    case '\f':
      OS << "\\f";
      ++I;
      continue;
    case '\n':
      OS << "\\n";
      ++I;
      continue;
    case '\r':
      OS << "\\r";
      ++I;
      continue;
    case '\t':
      OS << "\\t";
      ++I;
      continue;
    default:
      break;
    }
    if (C < 0x20 || C == 0x7F) {
      OS << "\\u00" << Hex[C >> 4] << Hex[C & 15];
      ++I;
      continue;
    }
    size_t Len = utf8Length(S, I);
    if (Len == 0) {
      OS << "\\ufffd";
      ++I;
      continue;
    }
    OS.write(S.data() + I, static_cast<std::streamsize>(Len));
    I += Len;
  }
  OS << '"';
}

void JsonWriter::newline(size_t Depth) {
  OS << '\n';
  for (size_t I = 0; I < Depth; ++I)
    OS << "  ";
}

void JsonWriter::separate(Level &L) {
  if (L.Count++ > 0)
    OS << (L.Inline ? ", " : ",");
  if (!L.Inline)
    newline(Stack.size());
}

void JsonWriter::scalar() {
  if (Stack.empty() || Stack.back().IsObject)
    return; // at the top, or after a key that wrote the separator already
  separate(Stack.back());
}

void JsonWriter::key(std::string_view K) {
  separate(Stack.back());
  writeJsonString(OS, K);
  OS << ": ";
}

void JsonWriter::open(char C, bool IsObject, bool Inline) {
  scalar();
  OS << C;
  Level L;
  L.IsObject = IsObject;
  L.Inline = Inline || (!Stack.empty() && Stack.back().Inline);
  Stack.push_back(L);
}

void JsonWriter::close(char C) {
  Level L = Stack.back();
  Stack.pop_back();
  if (L.Count > 0 && !L.Inline)
    newline(Stack.size());
  OS << C;
}

//===----------------------------------------------------------------------===//
// renderJson
//===----------------------------------------------------------------------===//

void renderJson(std::ostream &OS, const Report &R, const RenderOptions &O) {
  JsonWriter W(OS);
  W.objectBegin();
  W.member("tool", R.Tool);
  W.member("version", O.ToolVersion);
  W.key("findings");
  W.arrayBegin();
  for (const Finding &F : R.Findings) {
    W.objectBegin();
    W.member("rule", ruleInfo(F.Rule).Id);
    W.member("severity", severityName(F.Sev));
    W.member("message", F.Message);
    W.member("file", displayPath(F.Loc.File, O.DisplayDir));
    W.member("line", F.Loc.Line);
    W.member("column", F.Loc.Column);
    W.member("origin", F.Origin);
    W.key("related");
    W.arrayBegin();
    for (const Related &N : F.Notes) {
      if (!isPlace(N))
        continue;
      W.objectBegin();
      W.member("file", displayPath(N.Loc.File, O.DisplayDir));
      W.member("line", N.Loc.Line);
      W.member("column", N.Loc.Column);
      W.member("message", N.Message);
      W.objectEnd();
    }
    W.arrayEnd();
    W.key("notes");
    W.arrayBegin();
    for (const Related &N : F.Notes)
      if (!isPlace(N))
        W.value(N.Message);
    W.arrayEnd();
    W.objectEnd();
  }
  W.arrayEnd();
  W.key("errors");
  W.arrayBegin();
  for (const InputError &E : R.Errors) {
    W.objectBegin();
    W.member("file", displayPath(E.File, O.DisplayDir));
    if (E.Line) {
      W.member("line", E.Line);
      W.member("column", E.Column);
    }
    W.member("message", E.Message);
    W.objectEnd();
  }
  W.arrayEnd();
  W.objectEnd();
}

} // namespace weft::report
