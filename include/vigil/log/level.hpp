// vigil/log/level.hpp — log levels and the console-only decorations.
//
// Levels order as in every logging library: trace < debug < info < warn < error; `off`
// filters everything. Decorations are the seeds' console idioms: `ok` marks a success
// milestone and is shipped like an info record; `status`, `header` and `section` format the
// console and never reach sinks that are not consoles (Loki, JSON lines).
// Thread-safety: pure functions.
#pragma once

#include <cctype>
#include <cstdint>
#include <optional>
#include <string_view>

#include "vigil/config.hpp"

VIGIL_NAMESPACE_BEGIN

enum class Level : std::uint8_t { trace = 0, debug = 1, info = 2, warn = 3, error = 4, off = 5 };

/// The compile-time minimum level (VIGIL_LOG_LEVEL): calls below it compile to nothing.
inline constexpr Level kCompiledLogLevel = static_cast<Level>(VIGIL_LOG_LEVEL);

constexpr bool compiled_in(Level level) noexcept {
  return level >= kCompiledLogLevel;
}

enum class Decoration : std::uint8_t { none, ok, status, header, section };

constexpr std::string_view level_name(Level level) noexcept {
  switch (level) {
    case Level::trace:
      return "trace";
    case Level::debug:
      return "debug";
    case Level::info:
      return "info";
    case Level::warn:
      return "warn";
    case Level::error:
      return "error";
    case Level::off:
      break;
  }
  return "off";
}

/// True for the decorations only console sinks receive.
constexpr bool console_only(Decoration decoration) noexcept {
  return decoration == Decoration::status || decoration == Decoration::header ||
         decoration == Decoration::section;
}

/// Parses a level name, case-insensitively; also takes the common aliases (warning, err,
/// critical, fatal, none). Empty when the text is no level.
inline std::optional<Level> parse_level(std::string_view text) {
  const auto is = [text](std::string_view name) {
    if (text.size() != name.size()) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(text[i])) != name[i]) return false;
    }
    return true;
  };
  if (is("trace")) return Level::trace;
  if (is("debug")) return Level::debug;
  if (is("info")) return Level::info;
  if (is("warn") || is("warning")) return Level::warn;
  if (is("error") || is("err") || is("critical") || is("fatal")) return Level::error;
  if (is("off") || is("none")) return Level::off;
  return std::nullopt;
}

VIGIL_NAMESPACE_END
