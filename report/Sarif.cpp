//===- report/Sarif.cpp - findings as SARIF 2.1.0 -------------------------===//
//
// One run; the driver declares every rule of Rules.def (so ruleIndex is the
// RuleId). Paths under RenderOptions::BaseDir are written relative to the
// %SRCROOT% base id, which is what code-scanning services expect; others
// become file:// URIs. partialFingerprints make a finding recognisable
// after unrelated edits move it: they hash the rule, the file and the
// message with its line references (":<number>", "line <number>") and the
// base directory removed, never the line (fingerprintText()).
//===----------------------------------------------------------------------===//
#include "report/JsonWriter.h"
#include "report/Render.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>

namespace weft::report {

std::string withoutLineNumbers(std::string_view Message) {
  std::string Out;
  for (size_t I = 0; I < Message.size(); ++I) {
    // "at line 20" shifts too.
    if (Message.substr(I, 5) == "line " && I + 5 < Message.size() &&
        std::isdigit(static_cast<unsigned char>(Message[I + 5]))) {
      Out += "line ";
      I += 5;
      while (I + 1 < Message.size() &&
             std::isdigit(static_cast<unsigned char>(Message[I + 1])))
        ++I;
      continue;
    }
    if (Message[I] == ':' && I + 1 < Message.size() &&
        std::isdigit(static_cast<unsigned char>(Message[I + 1]))) {
      ++I;
      while (I + 1 < Message.size() &&
             std::isdigit(static_cast<unsigned char>(Message[I + 1])))
        ++I;
      continue;
    }
    Out += Message[I];
  }
  return Out;
}

namespace {
namespace fs = std::filesystem;

constexpr std::string_view SchemaUri =
    "https://json.schemastore.org/sarif-2.1.0.json";
constexpr std::string_view SrcRoot = "%SRCROOT%";

struct RuleDescriptor {
  std::string_view Name; // CamelCase, from Rules.def
  RuleId Id;
};
constexpr RuleDescriptor Descriptors[] = {
#define WEFT_RULE(Name, Id, Sev, Summary, Help) {#Name, RuleId::Name},
#include "report/Rules.def"
};

std::string_view level(Severity S) {
  switch (S) {
  case Severity::Error:
    return "error";
  case Severity::Warning:
    return "warning";
  case Severity::Note:
    return "note";
  }
  return "warning";
}

/// Percent-encodes what may not appear in a URI path.
std::string encodePath(std::string_view P) {
  static constexpr char Hex[] = "0123456789ABCDEF";
  std::string Out;
  for (unsigned char C : P) {
    bool Plain =
        (C >= 'A' && C <= 'Z') || (C >= 'a' && C <= 'z') ||
        (C >= '0' && C <= '9') ||
        std::string_view("-._~/!$&'()*+,;=:@").find(static_cast<char>(C)) !=
            std::string_view::npos;
    if (Plain) {
      Out += static_cast<char>(C);
    } else {
      Out += '%';
      Out += Hex[C >> 4];
      Out += Hex[C & 15];
    }
  }
  return Out;
}

struct Artifact {
  std::string Uri;
  bool UnderBase = false;
};

class UriMaker {
public:
  explicit UriMaker(const std::string &BaseDir) : BaseDir(BaseDir) {
    std::error_code EC;
    Base = BaseDir.empty() ? fs::current_path(EC) : fs::absolute(BaseDir, EC);
    Base = Base.lexically_normal();
  }

  /// Relative to the base (under %SRCROOT%) when under it, as displayPath
  /// writes it; else an absolute file:// URI.
  Artifact artifact(const std::string &File) const {
    if (File.empty())
      return {};
    std::string P = displayPath(File, BaseDir);
    if (!P.empty() && P[0] != '/')
      return {encodePath(P), true};
    return {"file://" + encodePath(P), false};
  }

  std::string baseDir() const { return Base.generic_string(); }

  std::string baseUri() const {
    std::string S = "file://" + encodePath(Base.generic_string());
    if (S.back() != '/')
      S += '/';
    return S;
  }

private:
  std::string BaseDir;
  fs::path Base;
};

std::string fingerprint(const FingerprintText &T) {
  uint64_t H = 0xcbf29ce484222325ull; // FNV-1a, 64 bits
  auto Mix = [&](std::string_view S) {
    for (unsigned char C : S) {
      H ^= C;
      H *= 0x100000001b3ull;
    }
    H ^= 0xff; // separator
    H *= 0x100000001b3ull;
  };
  Mix(T.Rule);
  Mix(T.Uri);
  Mix(T.Message);
  char Buf[17];
  std::snprintf(Buf, sizeof(Buf), "%016llx",
                static_cast<unsigned long long>(H));
  return Buf;
}

FingerprintText fingerprintText(const Finding &F, const UriMaker &U) {
  FingerprintText T;
  T.Rule = ruleInfo(F.Rule).Id;
  T.Uri = U.artifact(F.Loc.File).Uri;
  T.Message = withoutLineNumbers(F.Message);
  // Paths in the message (another file of a race, a lambda's place) are
  // written as the base-relative URIs are: the same in every checkout.
  std::string Base = U.baseDir();
  if (!Base.empty() && Base.back() != '/')
    Base += '/';
  for (size_t P; Base.size() > 1 && (P = T.Message.find(Base)) != std::string::npos;)
    T.Message.erase(P, Base.size());
  return T;
}

void writePhysicalLocation(JsonWriter &W, const UriMaker &U,
                           const Location &L) {
  W.key("physicalLocation");
  W.objectBegin();
  Artifact A = U.artifact(L.File);
  W.key("artifactLocation");
  W.objectBegin();
  W.member("uri", A.Uri);
  if (A.UnderBase)
    W.member("uriBaseId", SrcRoot);
  W.objectEnd();
  if (L.Line != 0) {
    W.key("region");
    W.objectBegin();
    W.member("startLine", L.Line);
    if (L.Column != 0)
      W.member("startColumn", L.Column);
    W.objectEnd();
  }
  W.objectEnd();
}

void writeMessage(JsonWriter &W, std::string_view Text) {
  W.key("message");
  W.objectBegin();
  W.member("text", Text);
  W.objectEnd();
}

void writeRules(JsonWriter &W) {
  W.key("rules");
  W.arrayBegin();
  for (const RuleDescriptor &D : Descriptors) {
    const RuleInfo &I = ruleInfo(D.Id);
    W.objectBegin();
    W.member("id", I.Id);
    W.member("name", D.Name);
    W.key("shortDescription");
    W.objectBegin();
    W.member("text", I.Summary);
    W.objectEnd();
    W.key("fullDescription");
    W.objectBegin();
    W.member("text", I.Help);
    W.objectEnd();
    W.key("help");
    W.objectBegin();
    W.member("text", I.Help);
    W.objectEnd();
    W.key("defaultConfiguration");
    W.objectBegin();
    W.member("level", level(I.DefaultSeverity));
    W.objectEnd();
    W.objectEnd();
  }
  W.arrayEnd();
}

void writeResult(JsonWriter &W, const UriMaker &U, const Finding &F) {
  W.objectBegin();
  W.member("ruleId", ruleInfo(F.Rule).Id);
  W.member("ruleIndex", static_cast<unsigned>(F.Rule));
  W.member("level", level(F.Sev));
  writeMessage(W, F.Message);
  W.key("locations");
  W.arrayBegin();
  W.objectBegin();
  writePhysicalLocation(W, U, F.Loc);
  W.objectEnd();
  W.arrayEnd();
  std::vector<std::string_view> Extra; // notes that are not places
  unsigned Places = 0;
  for (const Related &N : F.Notes)
    if (isPlace(N))
      ++Places;
    else
      Extra.push_back(N.Message);
  if (Places) {
    W.key("relatedLocations");
    W.arrayBegin();
    unsigned Id = 0;
    for (const Related &N : F.Notes) {
      if (!isPlace(N))
        continue;
      W.objectBegin();
      W.member("id", Id++);
      writePhysicalLocation(W, U, N.Loc);
      writeMessage(W, N.Message);
      W.objectEnd();
    }
    W.arrayEnd();
  }
  if (std::any_of(F.Flow.begin(), F.Flow.end(), isPlace)) {
    // codeFlows: the steps of a race (both accesses) or of a lock cycle.
    W.key("codeFlows");
    W.arrayBegin();
    W.objectBegin();
    W.key("threadFlows");
    W.arrayBegin();
    W.objectBegin();
    W.key("locations");
    W.arrayBegin();
    for (const Related &S : F.Flow) {
      if (!isPlace(S))
        continue;
      W.objectBegin();
      W.key("location");
      W.objectBegin();
      writePhysicalLocation(W, U, S.Loc);
      writeMessage(W, S.Message);
      W.objectEnd();
      W.objectEnd();
    }
    W.arrayEnd();
    W.objectEnd();
    W.arrayEnd();
    W.objectEnd();
    W.arrayEnd();
  }
  W.key("partialFingerprints");
  W.objectBegin();
  W.member("weftFinding/v1", fingerprint(fingerprintText(F, U)));
  W.objectEnd();
  if (!F.Origin.empty() || !Extra.empty()) {
    W.key("properties");
    W.objectBegin();
    if (!F.Origin.empty())
      W.member("origin", F.Origin);
    if (!Extra.empty()) {
      W.key("notes");
      W.arrayBegin();
      for (std::string_view N : Extra)
        W.value(N);
      W.arrayEnd();
    }
    W.objectEnd();
  }
  W.objectEnd();
}
} // namespace


FingerprintText fingerprintText(const Finding &F, const RenderOptions &O) {
  return fingerprintText(F, UriMaker(O.BaseDir));
}

std::string fingerprint(const Finding &F, const RenderOptions &O) {
  return fingerprint(fingerprintText(F, O));
}

void renderSarif(std::ostream &OS, const Report &R, const RenderOptions &O) {
  UriMaker U(O.BaseDir);
  JsonWriter W(OS);
  W.objectBegin();
  W.member("$schema", SchemaUri);
  W.member("version", "2.1.0");
  W.key("runs");
  W.arrayBegin();
  W.objectBegin();

  W.key("tool");
  W.objectBegin();
  W.key("driver");
  W.objectBegin();
  // The tool's identity for code-scanning services, whichever weft command
  // (R.Tool: "weft run", "weft analyze") produced the report.
  W.member("name", "weft");
  W.member("version", O.ToolVersion);
  writeRules(W);
  W.objectEnd();
  W.objectEnd();

  W.key("invocations");
  W.arrayBegin();
  W.objectBegin();
  W.member("executionSuccessful", R.Errors.empty());
  W.key("toolExecutionNotifications");
  W.arrayBegin();
  for (const InputError &E : R.Errors) {
    W.objectBegin();
    W.member("level", "error");
    writeMessage(W, E.Message);
    if (!E.File.empty()) {
      W.key("locations");
      W.arrayBegin();
      W.objectBegin();
      writePhysicalLocation(W, U, Location{E.File, E.Line, E.Column});
      W.objectEnd();
      W.arrayEnd();
    }
    W.objectEnd();
  }
  W.arrayEnd();
  W.objectEnd();
  W.arrayEnd();

  W.key("originalUriBaseIds");
  W.objectBegin();
  W.key(SrcRoot);
  W.objectBegin();
  W.member("uri", U.baseUri());
  W.objectEnd();
  W.objectEnd();

  W.key("results");
  W.arrayBegin();
  for (const Finding &F : R.Findings)
    writeResult(W, U, F);
  W.arrayEnd();

  W.objectEnd();
  W.arrayEnd();
  W.objectEnd();
}

} // namespace weft::report
