//===- runtime/lib/builtins/FmtLib.cpp - fmt's compiled part, inside the runtime ---===//
//
// weft/print.h formats with fmt (Debian's libfmt-dev). Most of fmt is in
// its headers; what is not (fmt::vformat, the float-to-text tables, ...)
// is in libfmt. A program built with `weft c++` links only the runtime
// archive, so the archive carries that part: fmt's own implementation
// header, compiled once here with the instantiations libfmt provides.
//===----------------------------------------------------------------------===//
#include <fmt/format-inl.h>

FMT_BEGIN_NAMESPACE
namespace detail {
template FMT_API auto dragonbox::to_decimal(float X) noexcept
    -> dragonbox::decimal_fp<float>;
template FMT_API auto dragonbox::to_decimal(double X) noexcept
    -> dragonbox::decimal_fp<double>;
template FMT_API locale_ref::locale_ref(const std::locale &Loc);
template FMT_API auto locale_ref::get<std::locale>() const -> std::locale;
template FMT_API auto thousands_sep_impl(locale_ref)
    -> thousands_sep_result<char>;
template FMT_API auto decimal_point_impl(locale_ref) -> char;
template FMT_API void buffer<char>::append(const char *, const char *);
template FMT_API void vformat_to(buffer<char> &, string_view,
                                 basic_format_args<FMT_BUFFER_CONTEXT(char)>,
                                 locale_ref);
} // namespace detail
FMT_END_NAMESPACE
