// vigil/trace/site.hpp — what a span call site knows at compile time.
//
// VIGIL_SPAN makes one `static constexpr SourceSite` per call site, so a recorded span
// carries a single pointer instead of copying its name, function, file and line.
// Thread-safety: immutable.
#pragma once

#include <cstdint>

#include "vigil/config.hpp"

VIGIL_NAMESPACE_BEGIN

struct SourceSite {
  const char* name;
  const char* function;
  const char* file;
  std::uint32_t line;
};

VIGIL_NAMESPACE_END
