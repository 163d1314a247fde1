// vigil/detail/sdk_disabled.hpp — OTEL_SDK_DISABLED, the OpenTelemetry SDK's run-time kill
// switch, read once.
//
// "true" (any case) turns every signal off at run time, as the SDK specification asks: no span
// is recorded (the tracing-active flag, the one load a span's runtime-off path already costs,
// stays false), every metric handle binds to nothing (its update is the branch a refused handle
// already takes, and nothing is registered, so scrapes and files hold no series), and log
// records reach only console sinks (the program's own lines on the terminal; JSON, file, Loki
// and memory sinks are dropped from the sink set). "false" or unset leaves everything on;
// another value is reported once and read as false, as the specification says.
#pragma once

#include <cctype>
#include <cstdlib>
#include <string>

#include "vigil/config.hpp"
#include "vigil/detail/report.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

inline bool read_sdk_disabled() {
  const char* raw = std::getenv("OTEL_SDK_DISABLED");
  if (raw == nullptr || *raw == '\0') return false;
  std::string value(raw);
  for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (value == "true") {
    report_once("OTEL_SDK_DISABLED",
                "OTEL_SDK_DISABLED=true: no spans, metrics or log records are exported; "
                "console log lines stay");
    return true;
  }
  if (value != "false") {
    report_once("OTEL_SDK_DISABLED", "OTEL_SDK_DISABLED='" + std::string(raw) +
                                         "' is neither 'true' nor 'false'; using false");
  }
  return false;
}

inline bool sdk_disabled() {
  static const bool disabled = read_sdk_disabled();
  return disabled;
}

}  // namespace detail
VIGIL_NAMESPACE_END
