// vigil/export/metrics/self_metrics.hpp — the toolkit's own health as metrics, brought up to date
// by every scrape of MetricsServer, or by a call to publish_self_metrics() before rendering:
//   vigil_spans_created_total, vigil_spans_exported_total, vigil_spans_dropped_total,
//   vigil_span_records_dropped_total (attributes/events refused by a full buffer),
//   vigil_buffer_fill_ratio (the fullest thread buffer), vigil_exporter_errors_total
//   (failed deliveries and file writes), vigil_log_records_dropped_total,
//   vigil_log_records_truncated_total (cut to fit the log ring's 4 KiB record).
// Cost: one stats() (the collector's lock) and eight bound series; meant per scrape.
// Thread-safety: any thread; one mutex keeps concurrent scrapes from counting twice.
#pragma once

#include <cstdint>
#include <mutex>

#include "vigil/config.hpp"
#include "vigil/detail/self_counters.hpp"
#include "vigil/metrics/registry.hpp"
#include "vigil/trace/tracer.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

// A counter that follows a running total kept elsewhere.
class TotalCounter {
 public:
  TotalCounter(std::string_view name, std::string_view help) : counter_(counter(name, {}, help)) {}
  void follow(std::uint64_t total) {
    if (total > published_) counter_.add(static_cast<std::int64_t>(total - published_));
    published_ = total;
  }

 private:
  Counter counter_;
  std::uint64_t published_ = 0;
};

struct SelfMetrics {
  std::mutex mutex;
  TotalCounter created{"vigil_spans_created_total", "Spans ended while tracing was on."};
  TotalCounter exported{"vigil_spans_exported_total", "Spans handed to the exporters."};
  TotalCounter dropped{"vigil_spans_dropped_total", "Spans refused by a full thread buffer."};
  TotalCounter records{"vigil_span_records_dropped_total",
                       "Span attributes, events and status records refused by a full buffer."};
  TotalCounter errors{"vigil_exporter_errors_total",
                      "Failed exports: undelivered HTTP batches and failed file writes."};
  TotalCounter log_dropped{"vigil_log_records_dropped_total",
                           "Log records refused by a full ring or sink queue, or not delivered."};
  TotalCounter log_truncated{"vigil_log_records_truncated_total",
                             "Log records whose strings or arguments were cut to fit the ring."};
  Gauge fill = gauge("vigil_buffer_fill_ratio", {},
                     "Share of the fullest thread's span buffer in use (1: spans drop).");
};

}  // namespace detail

inline void publish_self_metrics() {
  static auto* self = new detail::SelfMetrics();  // leaked on purpose: scrapes during exit
  const TraceStats spans = stats();
  const detail::SelfCounters& counters = detail::self_counters();
  std::lock_guard<std::mutex> lock(self->mutex);
  self->created.follow(spans.spans_created);
  self->exported.follow(spans.spans_exported);
  self->dropped.follow(spans.spans_dropped);
  self->records.follow(spans.records_dropped);
  self->errors.follow(counters.exporter_errors.load(std::memory_order_relaxed));
  self->log_dropped.follow(counters.log_records_dropped.load(std::memory_order_relaxed));
  self->log_truncated.follow(counters.log_records_truncated.load(std::memory_order_relaxed));
  self->fill.set(buffer_fill());
}

VIGIL_NAMESPACE_END
