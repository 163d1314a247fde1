// vigil/log/level_names.hpp — level names as sinks print them, and parsing them back.
// Thread-safety: pure functions.
#pragma once

#include <cctype>
#include <optional>
#include <string_view>

#include "vigil/config.hpp"
#include "vigil/log/level.hpp"

VIGIL_NAMESPACE_BEGIN

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
