// vigil/trace/status.hpp — a span's outcome, numbered as OTLP's Status.StatusCode.
#pragma once

#include <cstdint>

#include "vigil/config.hpp"

VIGIL_NAMESPACE_BEGIN

enum class StatusCode : std::uint8_t { unset = 0, ok = 1, error = 2 };

inline const char* to_string(StatusCode code) {
  switch (code) {
    case StatusCode::ok:
      return "OK";
    case StatusCode::error:
      return "ERROR";
    case StatusCode::unset:
      break;
  }
  return "UNSET";
}

VIGIL_NAMESPACE_END
