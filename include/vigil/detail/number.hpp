// vigil/detail/number.hpp — the shortest decimal text that reads back as the same double
// ("0.1", not "0.10000000000000001"), for every text exporter.
// Thread-safety: pure function.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

#include "vigil/config.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

inline void append_shortest_double(std::string& out, double v) {
  char text[32];
  for (int precision = 15; precision <= 17; ++precision) {
    std::snprintf(text, sizeof text, "%.*g", precision, v);
    if (precision == 17 || std::strtod(text, nullptr) == v) break;
  }
  out += text;
}

}  // namespace detail
VIGIL_NAMESPACE_END
