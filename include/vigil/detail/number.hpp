// vigil/detail/number.hpp — the shortest decimal text that reads back as the same double
// ("0.1", not "0.10000000000000001"), and integers, for every text exporter. Both use
// std::to_chars: no locale, no allocation.
// Thread-safety: pure function.
#pragma once

#include <charconv>
#include <cstdint>
#include <string>

#include "vigil/config.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

inline void append_shortest_double(std::string& out, double v) {
  char text[32];
  const auto end = std::to_chars(text, text + sizeof text, v).ptr;
  out.append(text, static_cast<std::size_t>(end - text));
}

inline void append_integer(std::string& out, std::int64_t v) {
  char text[24];
  const auto end = std::to_chars(text, text + sizeof text, v).ptr;
  out.append(text, static_cast<std::size_t>(end - text));
}

}  // namespace detail
VIGIL_NAMESPACE_END
