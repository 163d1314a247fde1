// vigil/metrics/histogram.hpp — Histogram: explicit buckets (for Prometheus) plus a
// log-linear sketch (for P50/P95/P99 within 0.79%), see metrics/series.hpp.
//
// Inside a sampled span a record also becomes its bucket's exemplar (the span's trace and
// span ids), so a latency bucket links to a trace.
// Thread-safety: record from any thread; snapshot() from any thread.
// Hot-path cost: a table lookup for the bucket + 2 uncontended atomic adds + one sketch add.
#pragma once

#include "vigil/config.hpp"
#if VIGIL_DETAIL_METRICS_ON
#include "vigil/common/context.hpp"
#include "vigil/metrics/series.hpp"
#endif

VIGIL_NAMESPACE_BEGIN

struct HistogramSnapshot;  // metrics/snapshot.hpp

#if VIGIL_DETAIL_METRICS_ON

class Histogram {
 public:
  Histogram() = default;
  explicit Histogram(detail::HistogramSeries* series) : series_(series) {}

  /// Records `v`; inside a sampled span, that span becomes the bucket's exemplar.
  void record(double v) const noexcept {
    if (series_ == nullptr) return;
#if VIGIL_DETAIL_TRACING_ON
    if (const detail::ContextNode* top = detail::t_context;
        top != nullptr && (top->context.flags & detail::kContextSampled) != 0) {
      const Exemplar exemplar{detail::export_trace_id(top->context.trace),
                              detail::export_span_id(top->context.span_id), v};
      series_->record(v, &exemplar);
      return;
    }
#endif
    series_->record(v);
  }
  /// Records `v` with an explicit exemplar (a span already finished, say).
  void record(double v, const Exemplar& exemplar) const noexcept {
    if (series_ != nullptr) series_->record(v, &exemplar);
  }
  /// What the series holds now; include vigil/metrics/snapshot.hpp where you call it (a
  /// template only so that this header needs none of what a snapshot holds).
  template <class Snapshot = HistogramSnapshot>
  Snapshot snapshot() const {
    return Snapshot::of(series_);
  }

 private:
  detail::HistogramSeries* series_ = nullptr;
};

#else

namespace detail {
class HistogramSeries;
}  // namespace detail

class Histogram {
 public:
  Histogram() = default;
  explicit Histogram(detail::HistogramSeries*) {}
  void record(double) const noexcept {}
  template <class Exemplar>
  void record(double, const Exemplar&) const noexcept {}
  template <class Snapshot = HistogramSnapshot>
  Snapshot snapshot() const {
    return Snapshot::of(nullptr);
  }
};

#endif

VIGIL_NAMESPACE_END
