// vigil/log/format.hpp — fills the `{}` placeholders of a log message.
//
// The built-in formatter knows `{}` (numbers, strings, bools, doubles in their shortest
// round-trip form), `{{` and `}}` for literal braces, and a precision for doubles
// (`{:.3f}`, `{:.2e}`, `{:.4g}`). Including the opt-in vigil/log/fmt.hpp anywhere in the
// program replaces it with fmt, which takes every fmt format spec.
// Bad input keeps the record: a `{}` without an argument stays as it is, surplus
// arguments are appended, an unknown spec prints the value plainly; each mistake is
// reported once per message.
// Thread-safety: formatters are pure; install_log_formatter may race only with itself.
#pragma once

#include <atomic>
#include <cstdio>
#include <string>
#include <string_view>

#include "vigil/config.hpp"
#include "vigil/detail/number.hpp"
#include "vigil/detail/report.hpp"
#include "vigil/log/record.hpp"

VIGIL_NAMESPACE_BEGIN

/// Appends `pattern` with its placeholders filled from the positional entries of `args`.
using LogFormatter = void (*)(std::string& out, std::string_view pattern, const LogArg* args,
                              std::size_t count);

namespace detail {

inline void append_plain(std::string& out, AttributeValue value) {
  switch (value.type()) {
    case ValueType::int64:
      append_integer(out, value.as_int());
      break;
    case ValueType::float64:
      append_shortest_double(out, value.as_double());
      break;
    case ValueType::boolean:
      out += value.as_bool() ? "true" : "false";
      break;
    case ValueType::string:
      out += value.as_string();
      break;
  }
}

// `{:.Nf}`-style specs; false for anything else.
inline bool append_with_spec(std::string& out, AttributeValue value, std::string_view spec) {
  if (spec.size() < 3 || spec[0] != '.' || value.type() != ValueType::float64) return false;
  const char conversion = spec.back();
  if (conversion != 'f' && conversion != 'e' && conversion != 'g') return false;
  int precision = 0;
  for (const char c : spec.substr(1, spec.size() - 2)) {
    if (c < '0' || c > '9' || precision > 30) return false;
    precision = precision * 10 + (c - '0');
  }
  char text[64];
  const char format[] = {'%', '.', '*', conversion, '\0'};
  const int n = std::snprintf(text, sizeof text, format, precision, value.as_double());
  if (n < 0 || n >= static_cast<int>(sizeof text)) return false;
  out.append(text, static_cast<std::size_t>(n));
  return true;
}

inline void report_format_problem(std::string_view pattern, const char* problem) {
  report_once("log-format:" + std::string(pattern),
              "log message \"" + std::string(pattern) + "\": " + problem +
                  " (the record is kept as it is; told once per message)");
}

inline void builtin_format(std::string& out, std::string_view pattern, const LogArg* args,
                           std::size_t count) {
  std::size_t next = 0;
  const auto next_positional = [&]() -> const LogArg* {
    while (next < count && !args[next].is_positional()) ++next;
    return next < count ? &args[next++] : nullptr;
  };
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if ((c == '{' || c == '}') && i + 1 < pattern.size() && pattern[i + 1] == c) {
      out += c;
      ++i;
      continue;
    }
    const std::size_t close = c == '{' ? pattern.find('}', i) : std::string_view::npos;
    if (close == std::string_view::npos) {
      out += c;
      continue;
    }
    const std::string_view inside = pattern.substr(i + 1, close - i - 1);
    const LogArg* arg = next_positional();
    if (arg == nullptr) {
      report_format_problem(pattern, "more {} than arguments");
      out.append(pattern.data() + i, close - i + 1);
    } else if (inside.empty()) {
      append_plain(out, arg->value());
    } else if (inside.front() != ':' || !append_with_spec(out, arg->value(), inside.substr(1))) {
      report_format_problem(pattern,
                            "unsupported placeholder (the built-in formatter knows {} and "
                            "{:.Nf}/{:.Ne}/{:.Ng}; include vigil/log/fmt.hpp for more)");
      append_plain(out, arg->value());
    }
    i = close;
  }
  bool surplus = false;
  while (const LogArg* arg = next_positional()) {
    surplus = true;
    out += ' ';
    append_plain(out, arg->value());
  }
  if (surplus) report_format_problem(pattern, "more arguments than {} (appended at the end)");
}

inline std::atomic<LogFormatter> g_log_formatter{&builtin_format};

}  // namespace detail

/// Replaces the formatter of every record emitted from now on (vigil/log/fmt.hpp uses it).
inline void install_log_formatter(LogFormatter formatter) {
  detail::g_log_formatter.store(formatter != nullptr ? formatter : &detail::builtin_format,
                                std::memory_order_release);
}

VIGIL_NAMESPACE_END
