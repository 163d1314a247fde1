// vigil/detail/self_counters.hpp — process-wide tallies of what the toolkit's exporters and
// log sinks lost, published as vigil_* metrics by export/self_metrics.hpp.
// Thread-safety: relaxed atomics, touched only on failure paths.
#pragma once

#include <atomic>
#include <cstdint>

#include "vigil/config.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

struct SelfCounters {
  std::atomic<std::uint64_t> exporter_errors{0};        // failed deliveries and file writes
  std::atomic<std::uint64_t> log_records_dropped{0};    // refused by a full queue, or undelivered
  std::atomic<std::uint64_t> log_records_truncated{0};  // cut to fit a log ring record
};

inline SelfCounters& self_counters() {
  static SelfCounters counters;  // trivially destructible in effect: atomics only
  return counters;
}

inline void count_exporter_error() {
  self_counters().exporter_errors.fetch_add(1, std::memory_order_relaxed);
}

inline void count_log_records_dropped(std::uint64_t n = 1) {
  self_counters().log_records_dropped.fetch_add(n, std::memory_order_relaxed);
}

inline void count_log_record_truncated() {
  self_counters().log_records_truncated.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace detail
VIGIL_NAMESPACE_END
