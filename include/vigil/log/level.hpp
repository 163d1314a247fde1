// vigil/log/level.hpp — log levels and the console-only decorations.
//
// Levels order as in every logging library: trace < debug < info < warn < error; `off`
// filters everything. Decorations are the seeds' console idioms: `ok` marks a success
// milestone and is shipped like an info record; `status`, `header` and `section` format the
// console and never reach sinks that are not consoles (Loki, JSON lines).
// Names and parsing: log/level_names.hpp.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>

#include "vigil/config.hpp"

VIGIL_NAMESPACE_BEGIN

enum class Level : std::uint8_t { trace = 0, debug = 1, info = 2, warn = 3, error = 4, off = 5 };

/// The compile-time minimum level (VIGIL_LOG_LEVEL): calls below it compile to nothing.
inline constexpr Level kCompiledLogLevel = static_cast<Level>(VIGIL_LOG_LEVEL);

constexpr bool compiled_in(Level level) noexcept {
  return level >= kCompiledLogLevel;
}

enum class Decoration : std::uint8_t { none, ok, status, header, section };

/// True for the decorations only console sinks receive.
constexpr bool console_only(Decoration decoration) noexcept {
  return decoration == Decoration::status || decoration == Decoration::header ||
         decoration == Decoration::section;
}

VIGIL_NAMESPACE_END
