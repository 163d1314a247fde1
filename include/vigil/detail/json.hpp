// vigil/detail/json.hpp — appending JSON text: strings escaped per RFC 8259, invalid UTF-8
// replaced by U+FFFD, non-finite numbers written as strings ("NaN", "Infinity").
//
// Shared by every JSON exporter, so there is one escaper to fuzz.
// Thread-safety: pure functions.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <variant>

#include "vigil/config.hpp"
#include "vigil/detail/number.hpp"
#include "vigil/trace/attribute.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

// Length of the valid UTF-8 sequence starting at s[i], or 0 if it is not valid.
inline std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  std::size_t n;
  std::uint32_t min;
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) {
    n = 2;
    min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4;
    min = 0x10000;
  } else
    return 0;
  if (i + n > s.size()) return 0;
  std::uint32_t code = c & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return n;
}

// Appends `s` escaped for the inside of a JSON string: invalid UTF-8 becomes U+FFFD.
inline void append_json_escaped(std::string& out, std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    // Plain printable ASCII is copied in runs; only the rest is looked at byte by byte.
    std::size_t run = i;
    while (run < s.size()) {
      const unsigned char c = static_cast<unsigned char>(s[run]);
      if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') break;
      ++run;
    }
    out.append(s.data() + i, run - i);
    i = run;
    if (i == s.size()) break;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"':
        out += "\\\"";
        ++i;
        continue;
      case '\\':
        out += "\\\\";
        ++i;
        continue;
      case '\n':
        out += "\\n";
        ++i;
        continue;
      case '\r':
        out += "\\r";
        ++i;
        continue;
      case '\t':
        out += "\\t";
        ++i;
        continue;
      default:
        break;
    }
    if (c < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
      out += escaped;
      ++i;
      continue;
    }
    const std::size_t n = utf8_sequence_length(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      ++i;
    } else {
      out.append(s.data() + i, n);
      i += n;
    }
  }
}

inline void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  append_json_escaped(out, s);
  out += '"';
}

inline void append_json_number(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "\"NaN\"";
  } else if (std::isinf(value)) {
    out += value > 0 ? "\"Infinity\"" : "\"-Infinity\"";
  } else {
    append_shortest_double(out, value);
  }
}

inline void append_json_value(std::string& out, const OwnedValue& value) {
  if (const auto* i = std::get_if<std::int64_t>(&value)) {
    append_integer(out, *i);
  } else if (const auto* d = std::get_if<double>(&value)) {
    append_json_number(out, *d);
  } else if (const auto* b = std::get_if<bool>(&value)) {
    out += *b ? "true" : "false";
  } else {
    append_json_string(out, std::get<std::string>(value));
  }
}

inline void append_json_value(std::string& out, AttributeValue value) {
  switch (value.type()) {
    case ValueType::int64:
      append_integer(out, value.as_int());
      break;
    case ValueType::float64:
      append_json_number(out, value.as_double());
      break;
    case ValueType::boolean:
      out += value.as_bool() ? "true" : "false";
      break;
    case ValueType::string:
      append_json_string(out, value.as_string());
      break;
  }
}

}  // namespace detail
VIGIL_NAMESPACE_END
