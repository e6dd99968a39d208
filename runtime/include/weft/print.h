//===- weft/print.h - Python's print(), str(), repr() and str.format ------===//
//
// weft::print(a, b, c) writes "a b c\n" as Python's print() does, with a
// single write(2), so lines of different threads never interleave mid-line
// (std::cout << a << b may). Python's keyword arguments are spelled
//
//   print(a, b, sep = ", ", end = "")     // print(a, b, sep=", ", end="")
//
// Each value is printed as Python's str() prints it (weft::str):
//   - bool: True / False; std::nullopt and nullptr: None
//   - floating point: Python's repr, the shortest text that reads back
//     (1.0, 0.1, 1e+16, inf, nan)
//   - strings: as they are; inside a container, quoted as Python's repr
//     quotes them ('a', "it's", 'a\nb')
//   - sequences (vector, list, deque, array, span...): [1, 2, 3]; sets:
//     {1, 2} (empty: set()); maps: {'a': 1}; pair and tuple: (1, 'a')
//     and (1,); optional: its value or None; a pointer to a printable
//     object: the object (None if null)
//   - anything else with operator<<: what it writes (weft's Thread prints
//     <Thread(Thread-1, started 1234)> as Python does); an object without
//     one: Python's default repr, <__main__.A object at 0x55d0c2a4f2b0>
//
// weft::format(F, args...) is Python's str.format / f-string with fmt's
// format language (which is Python's): weft::format("{:>5} {:.2f} {}", 7,
// 2.5, v). A value without a format spec is formatted as str() formats it;
// with one, numbers follow the spec and everything else is str() padded or
// cut by it, as Python's format(str(x), spec).
//===----------------------------------------------------------------------===//
#ifndef WEFT_PRINT_H
#define WEFT_PRINT_H

#include <fmt/format.h>

#include <cstddef>
#include <iterator>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <typeinfo>
#include <utility>

namespace weft {

namespace detail {
void writeLine(std::string_view Line); // one write(2) to stdout

/// Python's repr of a str: single quotes unless the text has a single
/// quote and no double one; backslash escapes for \n, \t, \\, controls.
void appendStringRepr(std::string &Out, std::string_view S);
/// Python's repr of a float (shortest round trip, ".0" when integral).
void appendFloatRepr(std::string &Out, double D);
/// Python's default repr of an object: <__main__.A object at 0x7f...>,
/// with the C++ class name of \p Type (namespaces dropped).
void appendObjectRepr(std::string &Out, const std::type_info &Type,
                      const void *Address);

template <class T>
concept StringLike = std::is_convertible_v<const T &, std::string_view>;
template <class T>
concept Streamable = requires(std::ostream &OS, const T &V) { OS << V; };
template <class T>
concept MapLike = requires { typename T::key_type; typename T::mapped_type; };
template <class T>
concept SetLike = requires { typename T::key_type; } && !MapLike<T>;
template <class T>
concept Sequence = !StringLike<T> && requires(const T &V) {
  std::begin(V);
  std::end(V);
};
template <class T>
concept TupleLike = requires { std::tuple_size<T>::value; } && !Sequence<T>;
template <class T> struct IsOptional : std::false_type {};
template <class T> struct IsOptional<std::optional<T>> : std::true_type {};

/// Appends str(V) (Repr: repr(V), as inside a container) to Out.
template <class T> void append(std::string &Out, const T &V, bool Repr);

template <class Tuple, size_t... I>
void appendTuple(std::string &Out, const Tuple &V, std::index_sequence<I...>) {
  Out += '(';
  ((Out += (I ? ", " : ""), append(Out, std::get<I>(V), true)), ...);
  Out += sizeof...(I) == 1 ? ",)" : ")";
}

/// "[a, b]" / "{a, b}": the repr of each element of \p V.
template <class R>
void appendItems(std::string &Out, const R &V, char Open, char Close) {
  Out += Open;
  bool First = true;
  for (const auto &E : V) {
    Out += First ? "" : ", ";
    First = false;
    append(Out, E, true);
  }
  Out += Close;
}

template <class T> void append(std::string &Out, const T &V, bool Repr) {
  if constexpr (std::is_same_v<T, bool>) {
    Out += V ? "True" : "False";
  } else if constexpr (std::is_same_v<T, std::nullopt_t> ||
                       std::is_null_pointer_v<T>) {
    Out += "None";
  } else if constexpr (std::is_same_v<T, char>) {
    if (Repr)
      appendStringRepr(Out, std::string_view(&V, 1));
    else
      Out += V;
  } else if constexpr (std::is_floating_point_v<T>) {
    appendFloatRepr(Out, static_cast<double>(V));
  } else if constexpr (std::is_arithmetic_v<T>) {
    fmt::format_to(std::back_inserter(Out), "{}", V);
  } else if constexpr (StringLike<T>) {
    std::string_view S = V;
    if (Repr)
      appendStringRepr(Out, S);
    else
      Out += S;
  } else if constexpr (IsOptional<T>::value) {
    if (V)
      append(Out, *V, Repr);
    else
      Out += "None";
  } else if constexpr (std::is_pointer_v<T> &&
                       !std::is_void_v<std::remove_pointer_t<T>>) {
    // A pointer stands for the Python object it points to.
    using Pointee = std::remove_cv_t<std::remove_pointer_t<T>>;
    if (!V)
      Out += "None";
    else if constexpr (std::is_class_v<Pointee> && !Streamable<Pointee> &&
                       !Sequence<Pointee> && !TupleLike<Pointee>)
      appendObjectRepr(Out, typeid(*V), V);
    else
      append(Out, *V, Repr);
  } else if constexpr (MapLike<T>) {
    Out += '{';
    bool First = true;
    for (const auto &[K, Val] : V) {
      Out += First ? "" : ", ";
      First = false;
      append(Out, K, true);
      Out += ": ";
      append(Out, Val, true);
    }
    Out += '}';
  } else if constexpr (SetLike<T>) {
    if (std::begin(V) == std::end(V))
      Out += "set()";
    else
      appendItems(Out, V, '{', '}');
  } else if constexpr (Sequence<T>) {
    appendItems(Out, V, '[', ']');
  } else if constexpr (TupleLike<T>) {
    appendTuple(Out, V, std::make_index_sequence<std::tuple_size_v<T>>());
  } else if constexpr (Streamable<T>) {
    std::ostringstream OS;
    OS << V;
    Out += OS.str();
  } else if constexpr (std::is_class_v<T>) {
    appendObjectRepr(Out, typeid(V), &V); // as Python prints an object
  } else {
    static_assert(Streamable<T>, "weft::print: this type cannot be printed "
                                 "(give it an operator<<)");
  }
}

/// print()'s keyword arguments.
struct Sep {
  std::string_view Text;
};
struct End {
  std::string_view Text;
};
struct SepKey {
  Sep operator=(std::string_view S) const { return Sep{S}; }
};
struct EndKey {
  End operator=(std::string_view S) const { return End{S}; }
};

/// A value for fmt: numbers keep fmt's format spec; everything else is
/// str() text (so "{:>8}" pads it as Python pads format(str(x), ">8")).
template <class T> struct Py {
  const T &V;
};
} // namespace detail

/// print(..., sep = ", ", end = "")
inline constexpr detail::SepKey sep{};
inline constexpr detail::EndKey end{};

/// Python's str(V) and repr(V) (see the header).
template <class T> std::string str(const T &V) {
  std::string S;
  detail::append(S, V, false);
  return S;
}
template <class T> std::string repr(const T &V) {
  std::string S;
  detail::append(S, V, true);
  return S;
}

template <class... Ts> void print(const Ts &...Vs) {
  std::string_view Sep = " ", End = "\n";
  auto keyword = [&](const auto &V) {
    using T = std::decay_t<decltype(V)>;
    if constexpr (std::is_same_v<T, detail::Sep>)
      Sep = V.Text;
    else if constexpr (std::is_same_v<T, detail::End>)
      End = V.Text;
  };
  (keyword(Vs), ...);
  std::string Line;
  bool First = true;
  auto put = [&](const auto &V) {
    using T = std::decay_t<decltype(V)>;
    if constexpr (!std::is_same_v<T, detail::Sep> &&
                  !std::is_same_v<T, detail::End>) {
      if (!First)
        Line += Sep;
      First = false;
      detail::append(Line, V, false);
    }
  };
  (put(Vs), ...);
  Line += End;
  detail::writeLine(Line);
}

/// Python's str.format: weft::format("{} has {:.1f}%", name, pct).
/// Raises fmt::format_error on a bad format string.
template <class... Ts> std::string format(std::string_view F, const Ts &...Vs) {
  return fmt::vformat(fmt::string_view(F.data(), F.size()),
                      fmt::make_format_args(detail::Py<Ts>{Vs}...));
}

} // namespace weft

/// weft::format's arguments: numbers (not bool) with a spec go to fmt's own
/// formatter; without one, and for every other type, str() text formatted
/// as a string.
template <class T> struct fmt::formatter<weft::detail::Py<T>> {
  static constexpr bool Number =
      std::is_arithmetic_v<T> && !std::is_same_v<T, bool> &&
      !std::is_same_v<T, char>;
  std::conditional_t<Number, fmt::formatter<T>, fmt::formatter<fmt::string_view>>
      Inner;
  bool Empty = true;
  constexpr auto parse(fmt::format_parse_context &Ctx) {
    Empty = Ctx.begin() == Ctx.end() || *Ctx.begin() == '}';
    return Inner.parse(Ctx);
  }
  template <class Ctx> auto format(const weft::detail::Py<T> &P, Ctx &C) const {
    std::string S;
    if constexpr (Number) {
      if (!Empty || !std::is_floating_point_v<T>)
        return Inner.format(P.V, C);
      S = weft::str(P.V); // Python's repr of a float: 1.0, not fmt's 1
      return fmt::formatter<fmt::string_view>().format(
          fmt::string_view(S.data(), S.size()), C);
    } else {
      S = weft::str(P.V);
      return Inner.format(fmt::string_view(S.data(), S.size()), C);
    }
  }
};

#endif
