// vigil/metrics/histogram.hpp — Histogram: explicit buckets (for Prometheus) plus a
// log-linear sketch (for P50/P95/P99 within 0.79%).
//
// Each stripe (see stripes.hpp) has its own bucket counts and sum; a stripe's sketch is
// allocated, with its exemplar slots, the first time a thread of that stripe records (the
// only allocation, once), so a series costs 32 KiB + 40 bytes x (buckets + 1) per recording
// stripe plus 20 x (64 + 8 x (buckets + 1)) bytes.
// Thread-safety: record from any thread; snapshot() from any thread.
// Hot-path cost: a bucket search over the bounds + 2 uncontended atomic adds + one sketch add.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "vigil/config.hpp"
#include "vigil/metrics/exemplar.hpp"
#include "vigil/metrics/sketch.hpp"
#include "vigil/metrics/stripes.hpp"
#if VIGIL_DETAIL_TRACING_ON
#include "vigil/detail/thread_state.hpp"
#endif

VIGIL_NAMESPACE_BEGIN

/// Bucket upper bounds for durations in seconds, 100 us to 60 s.
inline std::vector<double> default_seconds_buckets() {
  return {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
          0.1,    0.25,    0.5,    1,     2.5,    5,     10,   30,    60};
}

/// What a histogram holds at one moment.
struct HistogramSnapshot {
  std::vector<double> bounds;
  std::vector<std::uint64_t> bucket_counts;        // per bucket (not cumulative), +Inf last
  std::vector<std::optional<Exemplar>> exemplars;  // per bucket, when a traced record hit it
  std::uint64_t count = 0;
  double sum = 0;
  std::vector<std::uint64_t> sketch;  // merged sketch counts

  double quantile(double q) const { return detail::LogLinearSketch::quantile(sketch, q); }
};

namespace detail {

class HistogramSeries {
 public:
  explicit HistogramSeries(std::vector<double> bounds) : bounds_(std::move(bounds)) {
    for (auto& stripe : stripes_) {
      stripe.buckets = std::make_unique<std::atomic<std::uint64_t>[]>(bounds_.size() + 1);
    }
  }
  ~HistogramSeries() {
    for (auto& stripe : stripes_) delete stripe.extras.load(std::memory_order_acquire);
  }
  HistogramSeries(const HistogramSeries&) = delete;
  HistogramSeries& operator=(const HistogramSeries&) = delete;

  // `exemplar`, when given, becomes its bucket's exemplar (owned stripes only).
  void record(double v, const Exemplar* exemplar = nullptr) noexcept {
    const StripeRef ref = detail::stripe();
    Stripe& stripe = stripes_[ref.index];
    const auto bucket = static_cast<std::size_t>(
        std::lower_bound(bounds_.begin(), bounds_.end(), v) - bounds_.begin());
    add_to_cell<std::uint64_t>(stripe.buckets[bucket], 1, ref.owned);
    add_double(stripe.sum, v, ref.owned);
    Extras* extras = stripe.extras.load(std::memory_order_acquire);
    if (VIGIL_DETAIL_UNLIKELY(extras == nullptr)) extras = create_extras(stripe);
    extras->sketch.record(v, ref.owned);
    if (exemplar != nullptr && ref.owned) extras->exemplars[bucket].write(*exemplar);
  }

  // `with_sketch` false skips merging the sketches (what Prometheus text needs is cheap).
  HistogramSnapshot snapshot(bool with_sketch = true) const {
    HistogramSnapshot out;
    out.bounds = bounds_;
    out.bucket_counts.assign(bounds_.size() + 1, 0);
    out.exemplars.resize(bounds_.size() + 1);
    if (with_sketch) out.sketch.assign(LogLinearSketch::kBuckets + 1, 0);
    for (const auto& stripe : stripes_) {
      for (std::size_t i = 0; i <= bounds_.size(); ++i) {
        out.bucket_counts[i] += stripe.buckets[i].load(std::memory_order_relaxed);
      }
      out.sum += load_double(stripe.sum);
      const Extras* extras = stripe.extras.load(std::memory_order_acquire);
      if (extras == nullptr) continue;
      if (with_sketch) extras->sketch.add_to(out.sketch);
      for (std::size_t i = 0; i <= bounds_.size(); ++i) {
        if (!out.exemplars[i]) out.exemplars[i] = extras->exemplars[i].read();
      }
    }
    // The count is the buckets' total, so _count and le="+Inf" always agree.
    for (std::uint64_t c : out.bucket_counts) out.count += c;
    return out;
  }

 private:
  // What a stripe allocates at its first record.
  struct Extras {
    explicit Extras(std::size_t buckets) : exemplars(std::make_unique<ExemplarSlot[]>(buckets)) {}
    LogLinearSketch sketch;
    std::unique_ptr<ExemplarSlot[]> exemplars;
  };

  struct alignas(64) Stripe {
    std::unique_ptr<std::atomic<std::uint64_t>[]> buckets;
    std::atomic<std::uint64_t> sum{0};  // double bits
    std::atomic<Extras*> extras{nullptr};
  };

  VIGIL_DETAIL_NOINLINE Extras* create_extras(Stripe& stripe) {
    auto* created = new Extras(bounds_.size() + 1);
    Extras* expected = nullptr;
    if (stripe.extras.compare_exchange_strong(expected, created, std::memory_order_acq_rel))
      return created;
    delete created;  // another thread of this stripe won
    return expected;
  }

  std::vector<double> bounds_;
  Stripe stripes_[kStripes];
};

}  // namespace detail

class Histogram {
 public:
  Histogram() = default;
  explicit Histogram(detail::HistogramSeries* series) : series_(series) {}

  /// Records `v`; inside a sampled span, that span becomes the bucket's exemplar.
  void record(double v) const noexcept {
    if (series_ == nullptr) return;
#if VIGIL_DETAIL_TRACING_ON
    if (const detail::ContextNode* top = detail::t_state.current;
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
  HistogramSnapshot snapshot() const {
    return series_ != nullptr ? series_->snapshot() : HistogramSnapshot{};
  }

 private:
  detail::HistogramSeries* series_ = nullptr;
};

VIGIL_NAMESPACE_END
