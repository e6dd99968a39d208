//===- tests/unit/ReportTest.cpp - text, JSON and SARIF renderers ---------===//
#include "TestUtil.h"
#include "report/Render.h"

#include <filesystem>
#include <regex>
#include <sstream>

using namespace weft;
using namespace weft::report;

namespace {

Finding inversion(unsigned Line, unsigned LockLine) {
  Finding F = makeFinding(
      RuleId::LockOrderInversion,
      "lock-order inversion (potential deadlock): Lock (created at l.cpp:" +
          std::to_string(LockLine) +
          ") and Lock 'b' are acquired in opposite "
          "orders",
      Location{"/src/proj/l.cpp", Line, 5}, "runtime");
  F.Notes.push_back({Location{"/src/proj/l.cpp", Line - 2, 3}, "first here"});
  return F;
}

std::string text(const Report &R, bool Color = false, bool Summary = true) {
  std::ostringstream OS;
  RenderOptions O;
  O.Color = Color;
  renderText(OS, R, O, Summary);
  return OS.str();
}

std::string json(const Report &R) {
  std::ostringstream OS;
  renderJson(OS, R, RenderOptions{});
  return OS.str();
}

std::string sarif(const Report &R, std::string BaseDir = "/src/proj") {
  std::ostringstream OS;
  RenderOptions O;
  O.BaseDir = std::move(BaseDir);
  O.ToolVersion = "9.8.7";
  renderSarif(OS, R, O);
  return OS.str();
}

/// Runs a Python snippet with the JSON document as sys.argv[1]'s contents
/// loaded into `doc`; returns its exit status (0 = all asserts held).
int checkWithPython(const std::string &Json, const std::string &Asserts) {
  test::TempDir D;
  std::string Doc = D.file("doc.json"), Script = D.file("check.py");
  test::writeFile(Doc, Json);
  test::writeFile(Script,
                  "import json, sys\n"
                  "doc = json.load(open(sys.argv[1], encoding='utf-8'))\n" +
                      Asserts + "\n");
  std::string Cmd = std::string(WEFT_PYTHON) + " " + Script + " " + Doc;
  return std::system(Cmd.c_str());
}

std::vector<std::string> fingerprints(const std::string &Sarif) {
  std::vector<std::string> Out;
  std::regex Re("\"weftFinding/v1\": \"([0-9a-f]+)\"");
  for (std::sregex_iterator It(Sarif.begin(), Sarif.end(), Re), End; It != End;
       ++It)
    Out.push_back((*It)[1]);
  return Out;
}

} // namespace

TEST(Text, ClangStyle) {
  Report R;
  R.Findings.push_back(inversion(12, 4));
  EXPECT_EQ(text(R),
            "/src/proj/l.cpp:12:5: warning: lock-order inversion (potential "
            "deadlock): Lock (created at l.cpp:4) and Lock 'b' are acquired in "
            "opposite orders [lock-order-inversion]\n"
            "/src/proj/l.cpp:10:3: note: first here\n"
            "1 warning generated.\n");
  EXPECT_EQ(text(R, false, /*Summary=*/false).find("generated"),
            std::string::npos);
}

TEST(Text, PartialLocations) {
  Report R;
  R.Findings.push_back(makeFinding(RuleId::MissingRelease, "m",
                                   Location{"a.cpp", 7, 0}, "static"));
  R.Findings.push_back(
      makeFinding(RuleId::Deadlock, "d", Location{"b.cpp", 0, 0}, "runtime"));
  R.Findings.push_back(makeFinding(RuleId::DoubleAcquire, "x",
                                   Location{"c.cpp", 2, 1}, "runtime"));
  EXPECT_EQ(text(R), "a.cpp:7: warning: m [missing-release]\n"
                     "b.cpp: error: d [deadlock]\n"
                     "c.cpp:2:1: error: x [double-acquire]\n"
                     "1 warning and 2 errors generated.\n");
}

TEST(Text, InputErrorsAndEmptyReport) {
  Report R;
  EXPECT_EQ(text(R), "") << "no summary without findings";
  R.Errors.push_back({"missing.cpp", "no such file or directory"});
  EXPECT_EQ(text(R), "missing.cpp: error: no such file or directory\n");
}

TEST(Text, Colour) {
  Report R;
  R.Findings.push_back(inversion(12, 4));
  std::string S = text(R, /*Color=*/true);
  EXPECT_NE(S.find("\033[1m/src/proj/l.cpp:12:5: "), std::string::npos) << S;
  EXPECT_NE(S.find("\033[0;1;35mwarning: \033[0m"), std::string::npos) << S;
  EXPECT_NE(S.find("\033[0;1;36mnote: \033[0m"), std::string::npos) << S;
  EXPECT_EQ(text(R).find('\033'), std::string::npos) << "no colour when off";
}

TEST(Render, ParseFormat) {
  EXPECT_EQ(parseFormat("text"), Format::Text);
  EXPECT_EQ(parseFormat("json"), Format::Json);
  EXPECT_EQ(parseFormat("sarif"), Format::Sarif);
  EXPECT_FALSE(parseFormat("xml"));
  EXPECT_FALSE(parseFormat(""));
}

TEST(Render, Normalize) {
  Report R;
  R.Findings.push_back(inversion(20, 4));
  R.Findings.push_back(
      makeFinding(RuleId::Deadlock, "d", Location{"/a.cpp", 3, 0}, "runtime"));
  R.Findings.push_back(inversion(12, 4));
  R.Findings.push_back(inversion(20, 4)); // exact duplicate
  Finding Near = inversion(20, 4);
  Near.Notes[0].Message = "another note"; // same key, not a duplicate
  R.Findings.push_back(Near);
  normalize(R);
  ASSERT_EQ(R.Findings.size(), 4u);
  EXPECT_EQ(R.Findings[0].Loc.File, "/a.cpp");
  EXPECT_EQ(R.Findings[1].Loc.Line, 12u);
  EXPECT_EQ(R.Findings[2].Loc.Line, 20u);
  EXPECT_EQ(R.Findings[2].Notes[0].Message, "first here") << "stable";
  EXPECT_EQ(R.Findings[3].Notes[0].Message, "another note");
}

TEST(Json, Escaping) {
  Report R;
  R.Findings.push_back(makeFinding(
      RuleId::Deadlock,
      std::string("quote\" backslash\\ nl\n tab\t bell\x07 nul") +
          std::string(1, '\0') + " utf8 \xc3\xbc\xe2\x88\x91 bad\xff end",
      Location{"dir/a b.cpp", 1, 2}, "runtime"));
  std::string S = json(R);
  EXPECT_NE(
      S.find(
          R"("message": "quote\" backslash\\ nl\n tab\t bell\u0007 nul\u0000 utf8 )"
          "\xc3\xbc\xe2\x88\x91"
          R"( bad\ufffd end")"),
      std::string::npos)
      << S;
  EXPECT_EQ(0, checkWithPython(S, R"(
m = doc["findings"][0]["message"]
assert m.startswith('quote" backslash\\ nl\n tab\t bell\x07 nul\x00 utf8 \u00fc\u2211'), m
assert m.endswith(' bad\ufffd end'), m
)"));
}

TEST(Json, Shape) {
  Report R;
  R.Findings.push_back(inversion(12, 4));
  R.Errors.push_back({"gone.cpp", "cannot read"});
  std::string S = json(R);
  // One member per line, "key": value with a space (lit tests rely on it).
  EXPECT_NE(S.find("\n      \"rule\": \"lock-order-inversion\",\n"
                   "      \"severity\": \"warning\",\n"),
            std::string::npos)
      << S;
  EXPECT_EQ(0, checkWithPython(S, R"(
assert doc["tool"] == "weft"
assert isinstance(doc["version"], str)
f, = doc["findings"]
assert f["rule"] == "lock-order-inversion", f
assert f["severity"] == "warning"
assert f["file"] == "/src/proj/l.cpp" and f["line"] == 12 and f["column"] == 5
assert f["origin"] == "runtime"
assert f["related"] == [{"file": "/src/proj/l.cpp", "line": 10, "column": 3,
                         "message": "first here"}], f["related"]
assert doc["errors"] == [{"file": "gone.cpp", "message": "cannot read"}]
)")) << S;
  EXPECT_EQ(0, checkWithPython(json(Report{}), R"(
assert doc["findings"] == [] and doc["errors"] == []
)"));
}

TEST(Sarif, Shape) {
  Report R;
  R.Tool = "weft run"; // the driver is "weft" whichever command ran
  R.Findings.push_back(inversion(12, 4));
  Finding Outside = makeFinding(
      RuleId::Deadlock, "d", Location{"/elsewhere/b c.cpp", 3, 0}, "runtime");
  R.Findings.push_back(Outside);
  std::string S = sarif(R);
  EXPECT_EQ(0, checkWithPython(S, R"(
assert doc["version"] == "2.1.0"
assert "sarif" in doc["$schema"]
run, = doc["runs"]
d = run["tool"]["driver"]
assert d["name"] == "weft" and d["version"] == "9.8.7" and "informationUri" not in d
ids = [r["id"] for r in d["rules"]]
assert ids[:4] == ["deadlock", "lock-order-inversion", "missing-release",
                   "double-acquire"], ids
assert len(ids) == len(set(ids)), ids
names = [r["name"] for r in d["rules"]]
assert names == ["".join(w.capitalize() for w in i.split("-")) for i in ids], names
for r in d["rules"]:
    assert r["shortDescription"]["text"] and r["fullDescription"]["text"]
    assert r["help"]["text"]
    assert r["defaultConfiguration"]["level"] in ("error", "warning", "note")
assert d["rules"][0]["defaultConfiguration"]["level"] == "error"
assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///src/proj/"
inv = run["invocations"][0]
assert inv["executionSuccessful"] is True
assert inv["toolExecutionNotifications"] == []
a, b = run["results"]
assert a["ruleId"] == "lock-order-inversion" and a["ruleIndex"] == 1
assert d["rules"][a["ruleIndex"]]["id"] == a["ruleId"]
assert a["level"] == "warning"
assert a["message"]["text"].startswith("lock-order inversion")
loc = a["locations"][0]["physicalLocation"]
assert loc["artifactLocation"] == {"uri": "l.cpp", "uriBaseId": "%SRCROOT%"}, loc
assert loc["region"] == {"startLine": 12, "startColumn": 5}, loc
rel, = a["relatedLocations"]
assert rel["id"] == 0 and rel["message"]["text"] == "first here"
assert rel["physicalLocation"]["region"]["startLine"] == 10
assert len(a["partialFingerprints"]["weftFinding/v1"]) == 16
assert b["level"] == "error" and b["ruleIndex"] == 0
bl = b["locations"][0]["physicalLocation"]
assert bl["artifactLocation"] == {"uri": "file:///elsewhere/b%20c.cpp"}, bl
assert bl["region"] == {"startLine": 3}, bl
assert "relatedLocations" not in b
)")) << S;
}

TEST(Sarif, InputErrors) {
  Report R;
  R.Errors.push_back({"/src/proj/x.cpp", "cannot parse"});
  EXPECT_EQ(0, checkWithPython(sarif(R), R"(
inv = doc["runs"][0]["invocations"][0]
assert inv["executionSuccessful"] is False
n, = inv["toolExecutionNotifications"]
assert n["level"] == "error" and n["message"]["text"] == "cannot parse"
assert n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "x.cpp"
assert doc["runs"][0]["results"] == []
)"));
}

TEST(Sarif, FingerprintsSurviveLineShifts) {
  Report Before, After, Other;
  Before.Findings.push_back(inversion(12, 4));
  After.Findings.push_back(inversion(15, 7)); // code above was edited
  Finding F = inversion(12, 4);
  F.Message += " (different)";
  Other.Findings.push_back(F);
  auto A = fingerprints(sarif(Before)), B = fingerprints(sarif(After)),
       C = fingerprints(sarif(Other));
  ASSERT_EQ(A.size(), 1u);
  ASSERT_EQ(B.size(), 1u);
  ASSERT_EQ(C.size(), 1u);
  EXPECT_EQ(A[0], B[0]);
  EXPECT_NE(A[0], C[0]);
  // Relative to the source root, so a different checkout path agrees too.
  Report Moved;
  Finding M = inversion(12, 4);
  M.Loc.File = "/home/ci/work/l.cpp";
  Moved.Findings.push_back(M);
  EXPECT_EQ(fingerprints(sarif(Moved, "/home/ci/work"))[0], A[0]);
}

TEST(Sarif, FingerprintTextHasNoLineNumbers) {
  // Every way a message names a line: "at line N", "file:N", "file:N:C".
  EXPECT_EQ(withoutLineNumbers("returns at line 20"), "returns at line ");
  EXPECT_EQ(withoutLineNumbers("written at line 7 by thread 'w'"),
            "written at line  by thread 'w'");
  EXPECT_EQ(withoutLineNumbers("read at b.cpp:31 by main"),
            "read at b.cpp by main");
  EXPECT_EQ(withoutLineNumbers("thread 'lambda@/src/proj/a.cpp:12:5'"),
            "thread 'lambda@/src/proj/a.cpp'");
  // Not a line: numbers that are part of names stay.
  EXPECT_EQ(withoutLineNumbers("'lock2' and 'm[3]'"), "'lock2' and 'm[3]'");
  EXPECT_EQ(withoutLineNumbers("lines 4"), "lines 4");

  RenderOptions O;
  O.BaseDir = "/src/proj";
  Finding F = makeFinding(
      RuleId::DataRace,
      "data race on 'x': written here by thread 'lambda@/src/proj/a.cpp:9:3' "
      "and read at /src/proj/sub/b.cpp:40 by main",
      Location{"/src/proj/a.cpp", 10, 3}, "static");
  FingerprintText T = fingerprintText(F, O);
  EXPECT_EQ(T.Rule, "data-race");
  EXPECT_EQ(T.Uri, "a.cpp");
  EXPECT_EQ(T.Message, "data race on 'x': written here by thread "
                       "'lambda@a.cpp' and read at sub/b.cpp by main");
  // The same finding two lines further down, in another checkout.
  Finding Moved = F;
  Moved.Message =
      "data race on 'x': written here by thread 'lambda@/ci/w/a.cpp:11:3' "
      "and read at /ci/w/sub/b.cpp:42 by main";
  Moved.Loc = Location{"/ci/w/a.cpp", 12, 3};
  RenderOptions CI;
  CI.BaseDir = "/ci/w";
  EXPECT_EQ(fingerprint(Moved, CI), fingerprint(F, O));
  // Another variable is another finding.
  Finding Other = F;
  Other.Message.replace(Other.Message.find("'x'"), 3, "'y'");
  EXPECT_NE(fingerprint(Other, O), fingerprint(F, O));
}

TEST(Rules, LookupNamesTheKnownRules) {
  std::string Error;
  EXPECT_EQ(lookupRule("data-race", Error), RuleId::DataRace);
  EXPECT_TRUE(Error.empty());
  EXPECT_FALSE(lookupRule("data-races", Error));
  EXPECT_EQ(Error.rfind("unknown rule 'data-races' (known rules: deadlock, "
                        "lock-order-inversion, ",
                        0),
            0u)
      << Error;
  // Every rule of Rules.def is named.
  for (size_t I = 0; I < static_cast<size_t>(RuleId::NumRules); ++I)
    EXPECT_NE(Error.find(std::string(ruleInfo(static_cast<RuleId>(I)).Id)),
              std::string::npos);
}

TEST(Text, InputErrorWithPlace) {
  Report R;
  InputError E{"a.cpp", "expected ';' after expression"};
  E.Line = 4;
  E.Column = 11;
  R.Errors.push_back(E);
  EXPECT_EQ(text(R), "a.cpp:4:11: error: expected ';' after expression\n");
}

TEST(Render, NotesWithoutPlaceAreNotLocations) {
  Report R;
  Finding F = makeFinding(RuleId::DataRace, "data race on 'x'",
                          Location{"/src/proj/a.cpp", 5, 3}, "runtime");
  F.Notes.push_back({Location{"/src/proj/a.cpp", 9, 3}, "conflicting write"});
  F.Notes.push_back({Location{}, "ThreadSanitizer's own report: /tmp/t.log.7"});
  R.Findings.push_back(F);
  EXPECT_EQ(text(R), "/src/proj/a.cpp:5:3: warning: data race on 'x' "
                     "[data-race]\n"
                     "/src/proj/a.cpp:9:3: note: conflicting write\n"
                     "note: ThreadSanitizer's own report: /tmp/t.log.7\n"
                     "1 warning generated.\n");
  EXPECT_EQ(0, checkWithPython(json(R), R"(
f, = doc["findings"]
assert [r["line"] for r in f["related"]] == [9], f["related"]
assert all(r["file"] for r in f["related"])
assert f["notes"] == ["ThreadSanitizer's own report: /tmp/t.log.7"], f["notes"]
)"));
  EXPECT_EQ(0, checkWithPython(sarif(R), R"(
r, = doc["runs"][0]["results"]
rel = r["relatedLocations"]
assert len(rel) == 1 and rel[0]["id"] == 0, rel
assert rel[0]["physicalLocation"]["artifactLocation"]["uri"] == "a.cpp"
assert r["properties"]["notes"] == ["ThreadSanitizer's own report: /tmp/t.log.7"]
assert r["properties"]["origin"] == "runtime"
)"));
}

TEST(Render, DisplayPaths) {
  EXPECT_EQ(displayPath("/w/leveldb/./port/x.h", "/w"), "leveldb/port/x.h");
  EXPECT_EQ(displayPath("/w/a/../b.cpp", "/w/"), "b.cpp");
  EXPECT_EQ(displayPath("/elsewhere/./c.cpp", "/w"), "/elsewhere/c.cpp");
  EXPECT_EQ(displayPath("", "/w"), "");
  // Relative paths are the current directory's.
  std::string Cwd = std::filesystem::current_path().string();
  EXPECT_EQ(displayPath("sub/./d.cpp", ""), "sub/d.cpp");
  EXPECT_EQ(displayPath("sub/./d.cpp", Cwd), "sub/d.cpp");
  EXPECT_EQ(displayPath(Cwd + "/e.cpp", ""), "e.cpp");
}

TEST(Render, Dispatch) {
  Report R;
  R.Findings.push_back(inversion(12, 4));
  std::ostringstream T, J, S;
  render(T, Format::Text, R, RenderOptions{});
  render(J, Format::Json, R, RenderOptions{});
  render(S, Format::Sarif, R, RenderOptions{});
  EXPECT_EQ(T.str(), text(R));
  EXPECT_EQ(J.str(), json(R));
  EXPECT_NE(S.str().find("\"2.1.0\""), std::string::npos);
}
