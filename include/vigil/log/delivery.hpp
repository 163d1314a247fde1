// vigil/log/delivery.hpp — which thread formats and writes a log record.
//
//   background (default): the caller copies the call into its thread's ring and returns; the
//                log worker (log/worker.hpp) formats for every sink.
//   caller:      the caller formats and hands the record to every sink before it returns,
//                as a program needs whose own output must interleave with its logs exactly.
// VIGIL_LOG_DELIVERY=caller|background chooses at the first record; set_log_delivery() at
// any time. At exit the worker stops and the callers deliver what comes after; a fork()ed
// child starts with caller delivery (log/logger.hpp says why).
// Thread-safety: one atomic.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "vigil/config.hpp"
#include "vigil/detail/report.hpp"

VIGIL_NAMESPACE_BEGIN

enum class LogDelivery : std::uint8_t { background, caller };

namespace detail {

inline constexpr std::uint8_t kLogDeliveryUnread = 0xff;
inline std::atomic<std::uint8_t> g_log_delivery{kLogDeliveryUnread};

inline LogDelivery log_delivery_from_environment() {
  const char* value = std::getenv("VIGIL_LOG_DELIVERY");
  const std::string_view name = value != nullptr ? value : "";
  if (name == "caller") return LogDelivery::caller;
  if (!name.empty() && name != "background") {
    report_once("VIGIL_LOG_DELIVERY", "VIGIL_LOG_DELIVERY='" + std::string(name) +
                                          "' is neither 'background' nor 'caller'; "
                                          "using background");
  }
  return LogDelivery::background;
}

inline LogDelivery log_delivery() {
  std::uint8_t mode = g_log_delivery.load(std::memory_order_relaxed);
  if (VIGIL_DETAIL_UNLIKELY(mode == kLogDeliveryUnread)) {
    std::uint8_t expected = kLogDeliveryUnread;
    g_log_delivery.compare_exchange_strong(
        expected, static_cast<std::uint8_t>(log_delivery_from_environment()));
    mode = g_log_delivery.load(std::memory_order_relaxed);
  }
  return static_cast<LogDelivery>(mode);
}

}  // namespace detail

VIGIL_NAMESPACE_END
