// weft::print prints what Python's print prints: the same values, written
// in Python (the PY lines, run by python3) and in C++, give the same output,
// byte for byte: str() of numbers, floats, bools, None, strings; repr() of
// strings inside containers (Python's choice of quotes and escapes); lists,
// tuples, dicts, sets, nested; sep= and end=; and weft::format, Python's
// str.format / f-strings.
// RUN: %weft c++ %s -o %t
// RUN: %t > %t.out 2>&1
// RUN: sed -n 's|^// PY: ||p' %s > %t.py
// RUN: %python %t.py > %t.expected
// RUN: diff %t.expected %t.out
//
// PY: print(1, -7, 2.5, 1.0, 0.1, 1e16, 1e-05, 123456.789, -0.0)
// PY: print(True, False, None, "text", 'x')
// PY: print([1, 2, 3], ["a", "it's", 'say "hi"', "tab\there\n"])
// PY: print((1, "a"), (7,), {"a": 1, "b": 2}, {1, 2, 3}, set(), [])
// PY: print([[1, 2], [3]], {"k": [1.5, None]}, (True, 2.0))
// PY: print("a", "b", "c", sep=", ")
// PY: print("no newline", end="|")
// PY: print("x", 1, sep="", end="\n")
// PY: print("中文", ["中文"])
// PY: print("{} has {:.1f}% of {:>5}|{:<4}|{:^7}|{}".format("t1", 12.345, 42, "ab", "mid", [1]))
// PY: name, n = "Thread-1", 3
// PY: print(f"{name} ran {n} times, {n / 2} each, {n:03d} {True} {[name]}")
// PY: print("{:x} {:o} {:e} {}".format(255, 8, 12345.678, 2.0))

#include <weft/weft.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

using namespace weft;

int main() {
  print(1, -7, 2.5, 1.0, 0.1, 1e16, 1e-05, 123456.789, -0.0);
  print(true, false, std::nullopt, "text", 'x');
  print(std::vector<int>{1, 2, 3},
        std::vector<std::string>{"a", "it's", "say \"hi\"", "tab\there\n"});
  print(std::make_tuple(1, "a"), std::make_tuple(7),
        std::map<std::string, int>{{"a", 1}, {"b", 2}}, std::set<int>{1, 2, 3},
        std::set<int>{}, std::vector<int>{});
  print(std::vector<std::vector<int>>{{1, 2}, {3}},
        std::map<std::string, std::vector<std::optional<double>>>{
            {"k", {1.5, std::nullopt}}},
        std::make_tuple(true, 2.0));
  print("a", "b", "c", sep = ", ");
  print("no newline", end = "|");
  print("x", 1, sep = "", end = "\n");
  print("中文", std::vector<std::string>{"中文"});
  print(format("{} has {:.1f}% of {:>5}|{:<4}|{:^7}|{}", "t1", 12.345, 42, "ab",
               "mid", std::vector<int>{1}));
  std::string name = "Thread-1";
  int n = 3;
  print(format("{} ran {} times, {} each, {:03d} {} {}", name, n, n / 2.0, n,
               true, std::vector<std::string>{name}));
  print(format("{:x} {:o} {:e} {}", 255, 8, 12345.678, 2.0));
}
