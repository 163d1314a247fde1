// vigil/trace/kind.hpp — OpenTelemetry span kinds.
//
// A span's kind comes from the first segment of its name (trace/kind_map.hpp, resolved in
// the collector), unless Span::set_kind sets it.
// Thread-safety: plain values.
#pragma once

#include <cstdint>

#include "vigil/config.hpp"

VIGIL_NAMESPACE_BEGIN

/// Numbered as OTLP's SpanKind enum (0 means "not set": resolve from the name).
enum class SpanKind : std::uint8_t {
  unspecified = 0,
  internal = 1,
  server = 2,
  client = 3,
  producer = 4,
  consumer = 5
};

inline const char* to_string(SpanKind kind) {
  switch (kind) {
    case SpanKind::internal:
      return "INTERNAL";
    case SpanKind::server:
      return "SERVER";
    case SpanKind::client:
      return "CLIENT";
    case SpanKind::producer:
      return "PRODUCER";
    case SpanKind::consumer:
      return "CONSUMER";
    case SpanKind::unspecified:
      break;
  }
  return "UNSPECIFIED";
}

VIGIL_NAMESPACE_END
