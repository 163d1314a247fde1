// vigil/trace/traceparent.hpp — W3C Trace Context and B3 header parsing and formatting.
//
// parse_traceparent follows the W3C Trace Context spec (level 1): 2-hex version (not "ff"),
// 32-hex trace id and 16-hex parent id, both lowercase and not all zero, 2-hex flags;
// version 00 must be exactly 55 characters, a later version may append "-..." fields.
// tracestate is checked per list member (key and value grammar, at most 32 members); an
// invalid tracestate is dropped while the traceparent is kept, as the spec asks.
// B3 single header: {trace 16|32 hex}-{span 16 hex}[-{0|1|d}[-{parent}]].
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "vigil/common/ids.hpp"
#include "vigil/config.hpp"

VIGIL_NAMESPACE_BEGIN

/// What a propagation header carries.
struct RemoteContext {
  TraceId trace_id;
  SpanId span_id;
  bool sampled = false;
};

namespace detail {

inline bool parse_lower_hex(std::string_view text, std::uint64_t& out) {
  out = 0;
  for (char c : text) {
    int digit;
    if (c >= '0' && c <= '9') {
      digit = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      digit = c - 'a' + 10;
    } else {
      return false;
    }
    out = out << 4 | static_cast<std::uint64_t>(digit);
  }
  return true;
}

inline bool parse_trace_id(std::string_view hex, TraceId& id) {
  return hex.size() == 32 && parse_lower_hex(hex.substr(0, 16), id.high) &&
         parse_lower_hex(hex.substr(16), id.low) && id.valid();
}

inline bool parse_span_id(std::string_view hex, SpanId& id) {
  return hex.size() == 16 && parse_lower_hex(hex, id.value) && id.valid();
}

inline bool tracestate_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '*' ||
         c == '/';
}

inline bool valid_tracestate_key(std::string_view key) {
  const std::size_t at = key.find('@');
  if (at != std::string_view::npos) {  // multi-tenant: tenant@system
    const std::string_view tenant = key.substr(0, at), system = key.substr(at + 1);
    return tenant.size() >= 1 && tenant.size() <= 241 && system.size() >= 1 &&
           system.size() <= 14 && valid_tracestate_key(tenant) && valid_tracestate_key(system) &&
           system.front() >= 'a' && system.front() <= 'z';
  }
  if (key.empty() || key.size() > 256) return false;
  if (!((key.front() >= 'a' && key.front() <= 'z') || (key.front() >= '0' && key.front() <= '9')))
    return false;
  for (char c : key) {
    if (!tracestate_key_char(c)) return false;
  }
  return true;
}

inline bool valid_tracestate_value(std::string_view value) {
  if (value.empty() || value.size() > 256 || value.back() == ' ') return false;
  for (char c : value) {
    if (c < 0x20 || c > 0x7e || c == ',' || c == '=') return false;
  }
  return true;
}

}  // namespace detail

/// The traceparent header's context, or nothing when the header is malformed.
inline std::optional<RemoteContext> parse_traceparent(std::string_view header) {
  if (header.size() < 55 || header[2] != '-' || header[35] != '-' || header[52] != '-') return {};
  std::uint64_t version = 0, flags = 0;
  if (!detail::parse_lower_hex(header.substr(0, 2), version) || version == 0xff) return {};
  if (version == 0 && header.size() != 55) return {};
  if (header.size() > 55 && header[55] != '-') return {};
  RemoteContext out;
  if (!detail::parse_trace_id(header.substr(3, 32), out.trace_id) ||
      !detail::parse_span_id(header.substr(36, 16), out.span_id) ||
      !detail::parse_lower_hex(header.substr(53, 2), flags)) {
    return {};
  }
  out.sampled = (flags & 1) != 0;
  return out;
}

inline std::string format_traceparent(TraceId trace_id, SpanId span_id, bool sampled) {
  return "00-" + trace_id.hex() + "-" + span_id.hex() + (sampled ? "-01" : "-00");
}

/// Whether `header` is a well-formed tracestate list (empty members are allowed).
inline bool valid_tracestate(std::string_view header) {
  int members = 0;
  while (true) {
    const std::size_t comma = header.find(',');
    std::string_view member = header.substr(0, comma);
    while (!member.empty() && (member.front() == ' ' || member.front() == '\t'))
      member.remove_prefix(1);
    while (!member.empty() && (member.back() == ' ' || member.back() == '\t'))
      member.remove_suffix(1);
    if (!member.empty()) {
      const std::size_t eq = member.find('=');
      if (eq == std::string_view::npos || !detail::valid_tracestate_key(member.substr(0, eq)) ||
          !detail::valid_tracestate_value(member.substr(eq + 1)) || ++members > 32) {
        return false;
      }
    }
    if (comma == std::string_view::npos) return true;
    header.remove_prefix(comma + 1);
  }
}

/// The B3 single header's context, or nothing when it is malformed or carries only a
/// sampling decision.
inline std::optional<RemoteContext> parse_b3(std::string_view header) {
  const std::size_t first = header.find('-');
  if (first == std::string_view::npos) return {};
  const std::string_view trace = header.substr(0, first);
  std::string_view rest = header.substr(first + 1);
  const std::size_t second = rest.find('-');
  const std::string_view span = rest.substr(0, second);
  RemoteContext out;
  out.sampled = true;  // B3: absent sampling state defers; we record
  if (trace.size() == 16) {
    if (!detail::parse_lower_hex(trace, out.trace_id.low) || out.trace_id.low == 0) return {};
  } else if (!detail::parse_trace_id(trace, out.trace_id)) {
    return {};
  }
  if (!detail::parse_span_id(span, out.span_id)) return {};
  if (second != std::string_view::npos) {
    rest = rest.substr(second + 1);
    const std::string_view sampling = rest.substr(0, rest.find('-'));
    if (sampling == "0") {
      out.sampled = false;
    } else if (sampling != "1" && sampling != "d") {
      return {};
    }
    if (sampling.size() < rest.size()) {
      SpanId parent;
      if (!detail::parse_span_id(rest.substr(sampling.size() + 1), parent)) return {};
    }
  }
  return out;
}

inline std::string format_b3(TraceId trace_id, SpanId span_id, bool sampled) {
  return trace_id.hex() + "-" + span_id.hex() + (sampled ? "-1" : "-0");
}

VIGIL_NAMESPACE_END
