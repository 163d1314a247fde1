// vigil/detail/json.hpp — appending JSON text: strings escaped per RFC 8259, invalid UTF-8
// replaced by U+FFFD, non-finite numbers written as strings ("NaN", "Infinity").
//
// Shared by every JSON exporter, so there is one escaper to fuzz.
// Thread-safety: pure functions.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "vigil/config.hpp"
#include "vigil/detail/line_buffer.hpp"
#include "vigil/detail/number.hpp"

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

// Writes `s` escaped for the inside of a JSON string: invalid UTF-8 becomes U+FFFD.
inline void put_json_escaped(LineBuffer& out, std::string_view s) {
  out.reserve(s.size() * 6);  // the longest escape, \u00XX, is 6 bytes for 1
  char* const start = out.cursor();
  char* p = start;
  std::size_t i = 0;
  while (i < s.size()) {
    // Plain printable ASCII is copied in runs; only the rest is looked at byte by byte.
    std::size_t run = i;
    while (run < s.size()) {
      const unsigned char c = static_cast<unsigned char>(s[run]);
      if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') break;
      ++run;
    }
    std::memcpy(p, s.data() + i, run - i);
    p += run - i;
    i = run;
    if (i == s.size()) break;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const char* escape = c == '"'    ? "\\\""
                         : c == '\\' ? "\\\\"
                         : c == '\n' ? "\\n"
                         : c == '\r' ? "\\r"
                         : c == '\t' ? "\\t"
                                     : nullptr;
    if (escape != nullptr) {
      *p++ = escape[0];
      *p++ = escape[1];
      ++i;
    } else if (c < 0x20) {
      static constexpr char kHex[] = "0123456789abcdef";
      std::memcpy(p, "\\u00", 4);
      p[4] = kHex[c >> 4];
      p[5] = kHex[c & 15];
      p += 6;
      ++i;
    } else if (const std::size_t n = utf8_sequence_length(s, i); n == 0) {
      std::memcpy(p, "\xEF\xBF\xBD", 3);  // U+FFFD REPLACEMENT CHARACTER
      p += 3;
      ++i;
    } else {
      std::memcpy(p, s.data() + i, n);
      p += n;
      i += n;
    }
  }
  out.advance(static_cast<std::size_t>(p - start));
}

inline void put_json_string(LineBuffer& out, std::string_view s) {
  out.put('"');
  put_json_escaped(out, s);
  out.put('"');
}

inline void put_json_number(LineBuffer& out, double value) {
  if (std::isnan(value)) {
    out.put("\"NaN\"");
  } else if (std::isinf(value)) {
    out.put(value > 0 ? std::string_view("\"Infinity\"") : std::string_view("\"-Infinity\""));
  } else {
    out.put_double(value);
  }
}

inline void append_json_escaped(std::string& out, std::string_view s) {
  LineBuffer buffer(out);
  put_json_escaped(buffer, s);
}

inline void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  append_json_escaped(out, s);
  out += '"';
}

inline void append_json_number(std::string& out, double value) {
  LineBuffer buffer(out);
  put_json_number(buffer, value);
}

}  // namespace detail
VIGIL_NAMESPACE_END
