//===- tools/weft/grade/Spec.cpp - read assignment.toml with toml++ -------===//
//
// Every key is checked: an unknown key (a typo) or a value of the wrong
// type is an error naming the file, the line and the key, never ignored.
//===----------------------------------------------------------------------===//
#include "grade/Spec.h"

#include "report/Finding.h"

#include <toml++/toml.h>

#include <cmath>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace weft::cli::grade {
namespace {

struct Reader {
  std::string File;
  std::string Err;

  bool fail(const toml::node *N, const std::string &Msg) {
    if (Err.empty()) {
      Err = File;
      if (N && N->source().begin)
        Err += ":" + std::to_string(N->source().begin.line);
      Err += ": " + Msg;
    }
    return false;
  }

  /// Refuses keys of \p T that are not in \p Known.
  bool onlyKeys(const toml::table &T, const std::string &Where,
                std::initializer_list<std::string_view> Known) {
    for (const auto &[K, V] : T) {
      bool Ok = false;
      for (std::string_view N : Known)
        Ok |= K.str() == N;
      if (!Ok) {
        std::string List;
        for (std::string_view N : Known)
          List += (List.empty() ? "" : ", ") + std::string(N);
        return fail(&V, "unknown key '" + std::string(K.str()) + "' in " +
                            Where + " (known: " + List + ")");
      }
    }
    return true;
  }

  bool str(const toml::table &T, std::string_view K, std::string &Out) {
    const toml::node *N = T.get(K);
    if (!N)
      return true;
    if (auto V = N->value<std::string>()) {
      Out = *V;
      return true;
    }
    return fail(N, "'" + std::string(K) + "' must be a string");
  }

  bool boolean(const toml::table &T, std::string_view K, bool &Out) {
    const toml::node *N = T.get(K);
    if (!N)
      return true;
    if (auto V = N->value_exact<bool>()) {
      Out = *V;
      return true;
    }
    return fail(N, "'" + std::string(K) + "' must be true or false");
  }

  bool number(const toml::table &T, std::string_view K, double &Out,
              bool Positive) {
    const toml::node *N = T.get(K);
    if (!N)
      return true;
    std::optional<double> V;
    if (N->is_integer())
      V = static_cast<double>(*N->value<int64_t>());
    else if (N->is_floating_point())
      V = *N->value<double>();
    if (!V || !std::isfinite(*V) || *V < 0 || (Positive && *V == 0) ||
        *V > 1e9)
      return fail(N, "'" + std::string(K) + "' must be a " +
                         (Positive ? "positive" : "non-negative") + " number");
    Out = *V;
    return true;
  }

  bool count(const toml::table &T, std::string_view K, uint64_t &Out,
             bool Positive) {
    const toml::node *N = T.get(K);
    if (!N)
      return true;
    auto V = N->value_exact<int64_t>();
    if (!V || *V < 0 || (Positive && *V == 0))
      return fail(N, "'" + std::string(K) + "' must be a " +
                         (Positive ? "positive" : "non-negative") +
                         " integer");
    Out = static_cast<uint64_t>(*V);
    return true;
  }

  bool strings(const toml::table &T, std::string_view K,
               std::vector<std::string> &Out) {
    const toml::node *N = T.get(K);
    if (!N)
      return true;
    const toml::array *A = N->as_array();
    if (!A)
      return fail(N, "'" + std::string(K) + "' must be an array of strings");
    Out.clear();
    for (const toml::node &E : *A) {
      auto V = E.value_exact<std::string>();
      if (!V)
        return fail(&E, "'" + std::string(K) + "' must hold strings only");
      Out.push_back(*V);
    }
    return true;
  }

  /// A file named by the spec, relative to the assignment directory.
  bool fileText(const toml::table &T, std::string_view K,
                const std::string &Dir, std::string &Out, bool &Given) {
    std::string Name;
    if (!str(T, K, Name))
      return false;
    Given = !Name.empty();
    if (!Given)
      return true;
    std::ifstream In(Name[0] == '/' ? Name : Dir + "/" + Name,
                     std::ios::binary);
    if (!In)
      return fail(T.get(K), "cannot read '" + Name + "' (" + std::string(K) +
                                ", relative to the assignment directory)");
    std::ostringstream SS;
    SS << In.rdbuf();
    Out = SS.str();
    return true;
  }
};

bool visibility(Reader &R, const toml::table &T, std::string &Out) {
  if (!R.str(T, "visibility", Out))
    return false;
  static const std::set<std::string> Known = {"visible", "hidden",
                                              "after_due_date",
                                              "after_published"};
  if (!Known.count(Out))
    return R.fail(T.get("visibility"),
                  "'visibility' must be visible, hidden, after_due_date or "
                  "after_published (Gradescope's values)");
  return true;
}

bool readTest(Reader &R, const toml::table &T, Spec &S) {
  TestSpec X;
  if (!R.onlyKeys(T, "[[tests]]",
                  {"name", "args", "stdin", "stdin_file", "expected",
                   "expected_file", "expected_regex", "points", "timeout",
                   "visibility", "schedules"}))
    return false;
  if (!R.str(T, "name", X.Name) || !R.strings(T, "args", X.Args) ||
      !R.str(T, "stdin", X.Stdin) || !R.number(T, "points", X.Points, false) ||
      !R.number(T, "timeout", X.Timeout, true) || !visibility(R, T, X.Visibility) ||
      !R.count(T, "schedules", X.Schedules, false))
    return false;
  if (X.Name.empty())
    return R.fail(&T, "a test needs a 'name'");
  for (const TestSpec &O : S.Tests)
    if (O.Name == X.Name)
      return R.fail(&T, "two tests are named '" + X.Name + "'");
  bool StdinFile = false;
  if (!R.fileText(T, "stdin_file", S.Dir, X.Stdin, StdinFile))
    return false;
  if (StdinFile && T.get("stdin"))
    return R.fail(&T, "test '" + X.Name + "' has both stdin and stdin_file");
  int Kinds = 0;
  std::string Regex;
  bool FromFile = false;
  if (T.get("expected")) {
    ++Kinds;
    if (!R.str(T, "expected", X.Expected))
      return false;
  }
  if (!R.fileText(T, "expected_file", S.Dir, X.Expected, FromFile))
    return false;
  Kinds += FromFile;
  if (T.get("expected_regex")) {
    ++Kinds;
    X.Regex = true;
    if (!R.str(T, "expected_regex", X.Expected))
      return false;
  }
  if (Kinds != 1)
    return R.fail(&T, "test '" + X.Name + "' needs exactly one of expected, "
                                        "expected_file, expected_regex");
  if (X.Regex) {
    try {
      std::regex Check(X.Expected, std::regex::ECMAScript);
    } catch (const std::regex_error &E) {
      return R.fail(T.get("expected_regex"),
                    "'expected_regex' is not a valid regular expression: " +
                        std::string(E.what()));
    }
  }
  if (X.Schedules == 0 && !T.get("schedules"))
    X.Schedules = S.Schedules;
  if (X.Timeout == 0)
    X.Timeout = S.Run.WallSeconds;
  S.Tests.push_back(std::move(X));
  return true;
}

bool readRule(Reader &R, const toml::table &T, Spec &S) {
  RuleSpec X;
  if (!R.onlyKeys(T, "[[rules]]", {"rule", "origin", "points", "visibility"}))
    return false;
  if (!R.str(T, "rule", X.Rule) || !R.str(T, "origin", X.Origin) ||
      !R.number(T, "points", X.Points, false) || !visibility(R, T, X.Visibility))
    return false;
  std::string Why = "'rule' needs a rule id (e.g. deadlock)";
  if (X.Rule.empty() || !report::lookupRule(X.Rule, Why))
    return R.fail(T.get("rule") ? T.get("rule") : &T, Why);
  if (X.Origin != "any" && X.Origin != "static" && X.Origin != "runtime")
    return R.fail(T.get("origin"), "'origin' must be any, static or runtime");
  for (const RuleSpec &O : S.Rules)
    if (O.Rule == X.Rule && O.Origin == X.Origin)
      return R.fail(&T, "rule '" + X.Rule + "' (" + X.Origin +
                            ") is listed twice");
  S.Rules.push_back(std::move(X));
  return true;
}

} // namespace

bool loadSpec(const std::string &Dir, Spec &S, std::string &Err) {
  S = Spec();
  S.Dir = Dir;
  S.File = Dir + "/assignment.toml";
  Reader R{S.File, ""};
  toml::table Root;
  try {
    Root = toml::parse_file(S.File);
  } catch (const toml::parse_error &E) {
    std::ifstream Probe(S.File);
    Err = !Probe ? "cannot read " + S.File
                 : S.File + ":" + std::to_string(E.source().begin.line) +
                       ": " + std::string(E.description());
    return false;
  }
  bool Ok = R.onlyKeys(Root, "the spec",
                       {"assignment", "limits", "tests", "rules"});
  const toml::table *A = Root["assignment"].as_table();
  if (Ok && !A)
    Ok = R.fail(nullptr, "no [assignment] table");
  if (Ok)
    Ok = R.onlyKeys(*A, "[assignment]",
                    {"name", "sources", "flags", "tsan", "analyze", "seed", "schedules",
                     "max_steps", "build_timeout"}) &&
         R.str(*A, "name", S.Name) && R.strings(*A, "sources", S.Sources) &&
         R.strings(*A, "flags", S.Flags) && R.boolean(*A, "tsan", S.Tsan) &&
         R.boolean(*A, "analyze", S.Analyze) &&
         R.count(*A, "seed", S.Seed, false) &&
         R.count(*A, "schedules", S.Schedules, false) &&
         R.count(*A, "max_steps", S.MaxSteps, true) &&
         R.number(*A, "build_timeout", S.BuildSeconds, true);
  if (const toml::node *L = Root.get("limits"); Ok && L) {
    const toml::table *T = L->as_table();
    Ok = T ? R.onlyKeys(*T, "[limits]",
                        {"cpu_seconds", "wall_seconds", "memory_mb",
                         "processes", "file_size_kb", "output_kb"}) &&
                 R.number(*T, "cpu_seconds", S.Run.CpuSeconds, true) &&
                 R.number(*T, "wall_seconds", S.Run.WallSeconds, true) &&
                 R.count(*T, "memory_mb", S.Run.MemoryMB, true) &&
                 R.count(*T, "processes", S.Run.Processes, true) &&
                 R.count(*T, "file_size_kb", S.Run.FileSizeKB, true) &&
                 R.count(*T, "output_kb", S.Run.OutputKB, true)
           : R.fail(L, "[limits] must be a table");
  }
  for (const char *K : {"tests", "rules"}) {
    const toml::node *N = Root.get(K);
    if (!Ok || !N)
      continue;
    const toml::array *Arr = N->as_array();
    if (!Arr) {
      Ok = R.fail(N, std::string("'") + K + "' must be an array of tables ([[" +
                         K + "]])");
      continue;
    }
    for (const toml::node &E : *Arr) {
      const toml::table *T = E.as_table();
      if (!T) {
        Ok = R.fail(&E, std::string("each of ") + K + " must be a table");
        break;
      }
      if (!(Ok = std::string(K) == "tests" ? readTest(R, *T, S)
                                           : readRule(R, *T, S)))
        break;
    }
  }
  if (Ok && S.Tests.empty())
    Ok = R.fail(nullptr, "no tests ([[tests]])");
  if (!Ok) {
    Err = R.Err;
    return false;
  }
  if (S.Name.empty())
    S.Name = Dir.substr(Dir.find_last_of('/') + 1);
  return true;
}

} // namespace weft::cli::grade
