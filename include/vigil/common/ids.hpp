// vigil/common/ids.hpp — W3C trace ids (128 bit) and span ids (64 bit, never zero), as
// values. How ids are made and mapped in and out of the process: common/id_mapping.hpp.
// Thread-safety: plain values.
#pragma once

#include <cstdint>
// hex() is a template so that this header, on the path of every instrumenting file, only
// needs std::string declared (192 lines), not defined (22,000).
#if __has_include(<bits/stringfwd.h>)
#include <bits/stringfwd.h>
#else
#include <string>
#endif

#include "vigil/config.hpp"

VIGIL_NAMESPACE_BEGIN

/// A span id as exported: 16 lowercase hex digits in W3C form. Zero means "none".
struct SpanId {
  std::uint64_t value = 0;
  bool valid() const { return value != 0; }
  /// 16 hex digits. A template only so that this header needs no <string>: include it
  /// where you call this.
  template <class String = std::string>
  String hex() const;
  friend bool operator==(SpanId a, SpanId b) { return a.value == b.value; }
  friend bool operator!=(SpanId a, SpanId b) { return a.value != b.value; }
};

/// A trace id as exported: 32 lowercase hex digits, high half first.
struct TraceId {
  std::uint64_t high = 0;
  std::uint64_t low = 0;
  bool valid() const { return (high | low) != 0; }
  /// 32 hex digits (see SpanId::hex).
  template <class String = std::string>
  String hex() const;
  friend bool operator==(TraceId a, TraceId b) { return a.high == b.high && a.low == b.low; }
  friend bool operator!=(TraceId a, TraceId b) { return !(a == b); }
};

namespace detail {

inline void write_hex(std::uint64_t value, char* out) {
  static constexpr char kDigits[] = "0123456789abcdef";
  for (int i = 15; i >= 0; --i) {
    out[i] = kDigits[value & 0xf];
    value >>= 4;
  }
}

}  // namespace detail

template <class String>
String SpanId::hex() const {
  String out(16, '0');
  detail::write_hex(value, out.data());
  return out;
}

template <class String>
String TraceId::hex() const {
  String out(32, '0');
  detail::write_hex(high, out.data());
  detail::write_hex(low, out.data() + 16);
  return out;
}

VIGIL_NAMESPACE_END
