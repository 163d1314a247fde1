// vigil/detail/macro_support.hpp — what compiled-out code binds its arguments to.
//
// A compiled-out macro puts its arguments in the unevaluated arm of `false ? ... : (void)0`,
// and a compiled-out class takes its braced lists as these; either way the arguments are
// named (no unused-variable warnings) and never evaluated.
// Thread-safety: no state. Cost: none, nothing is emitted.
#pragma once

#include <initializer_list>

#include "vigil/config.hpp"

namespace vigil::detail {
// Anything, a {"key", value} pair, or a braced list of those.
struct Unevaluated {
  template <class T>
  constexpr Unevaluated(const T&) noexcept {}  // NOLINT: implicit on purpose
  template <class K, class V>
  constexpr Unevaluated(const K&, const V&) noexcept {}
  constexpr Unevaluated(std::initializer_list<Unevaluated>) noexcept {}
};
constexpr void unevaluated(std::initializer_list<Unevaluated>) noexcept {}
}  // namespace vigil::detail

#define VIGIL_DETAIL_UNEVALUATED(...) \
  (false ? ::vigil::detail::unevaluated({__VA_ARGS__}) : static_cast<void>(0))

#define VIGIL_DETAIL_CAT2(a, b) a##b
#define VIGIL_DETAIL_CAT(a, b) VIGIL_DETAIL_CAT2(a, b)
#define VIGIL_DETAIL_UNIQUE(prefix) VIGIL_DETAIL_CAT(prefix, __LINE__)
// The first macro argument; braces do not protect commas, so attributes land in the rest.
#define VIGIL_DETAIL_FIRST(...) VIGIL_DETAIL_FIRST_(__VA_ARGS__, unused)
#define VIGIL_DETAIL_FIRST_(first, ...) first
