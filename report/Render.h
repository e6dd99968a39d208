//===- report/Render.h - findings to text, JSON, SARIF --------------------===//
#ifndef WEFT_REPORT_RENDER_H
#define WEFT_REPORT_RENDER_H

#include "report/Finding.h"

#include <iosfwd>
#include <optional>
#include <string>

namespace weft::report {

enum class Format { Text, Json, Sarif, Github };
std::optional<Format> parseFormat(std::string_view S);

struct RenderOptions {
  /// ANSI colour in text output. Use colorWanted() to decide it.
  bool Color = false;
  /// SARIF: artifact URIs are made relative to this directory when they lie
  /// under it (uriBaseId %SRCROOT%). Empty: the current directory.
  std::string BaseDir;
  /// Text and JSON: paths are written relative to this directory when they
  /// lie under it, else absolute; always normalized (no "./", no "x/../").
  /// Empty: the directory weft was run in.
  std::string DisplayDir;
  std::string ToolVersion = "0.1.0";
};

/// \p File as the text and JSON renderers write it (see DisplayDir):
/// relative to \p Dir (empty: the current directory) when under it, else
/// absolute; normalized. Empty stays empty.
std::string displayPath(const std::string &File, const std::string &Dir);

/// A related location with no file (and line 0) is not a place but extra
/// information ("ThreadSanitizer's own report: PATH"): the renderers write
/// it as a note of the finding (text), in "notes" (JSON) or in the result's
/// properties (SARIF), never as a location.
inline bool isPlace(const Related &N) { return !N.Loc.File.empty(); }

/// True when \p Fd is a terminal and NO_COLOR is unset (or empty).
bool colorWanted(int Fd);

/// Clang style: "file:line:col: warning: message [rule-id]" then one
/// "file:line:col: note: ..." per related location; a summary line
/// ("2 warnings and 1 error generated." style) only if \p Summary.
void renderText(std::ostream &OS, const Report &R, const RenderOptions &O,
                bool Summary = true);
/// {"tool":..., "findings":[{rule,severity,message,file,line,column,
///  origin, related:[{file,line,column,message}]}], "errors":[{file,message}]}
void renderJson(std::ostream &OS, const Report &R, const RenderOptions &O);
/// SARIF 2.1.0, one run, every rule of Rules.def declared.
void renderSarif(std::ostream &OS, const Report &R, const RenderOptions &O);
/// GitHub Actions workflow commands, one per finding:
/// "::warning file=F,line=L,col=C,title=weft [rule]::message" (notes follow
/// the message on their own lines). Paths relative to BaseDir (or cwd).
void renderGithub(std::ostream &OS, const Report &R, const RenderOptions &O);
/// The finding's stable fingerprint (SARIF partialFingerprints
/// "weftFinding/v1"): rule, repo-relative file, message without line
/// numbers. Used to match findings against a baseline.
std::string fingerprint(const Finding &F, const RenderOptions &O);
/// What the fingerprint hashes: the rule id, the file's URI (relative to
/// BaseDir when under it) and the message with every line reference
/// (":12", "line 12") and the BaseDir prefix of paths removed.
struct FingerprintText {
  std::string Rule, Uri, Message;
};
FingerprintText fingerprintText(const Finding &F, const RenderOptions &O);
/// The message with its line references removed ("at line 20" -> "at
/// line ", "a.cpp:20:3" -> "a.cpp").
std::string withoutLineNumbers(std::string_view Message);
void render(std::ostream &OS, Format F, const Report &R,
            const RenderOptions &O);

/// Sorts findings by file, line, column, rule and removes exact duplicates.
void normalize(Report &R);

} // namespace weft::report

#endif
