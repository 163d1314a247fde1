// vigil/metrics/histogram.hpp — Histogram: explicit buckets (for Prometheus) plus a
// log-linear sketch (for P50/P95/P99 within 0.79%).
//
// Each stripe (see stripes.hpp) has its own bucket counts and sum; a stripe's sketch is
// allocated the first time a thread of that stripe records (the only allocation, once), so a
// series costs 32 KiB per recording stripe plus 20 x (64 + 8 x (buckets + 1)) bytes.
// Thread-safety: record from any thread; snapshot() from any thread.
// Hot-path cost: a bucket search over the bounds + 2 uncontended atomic adds + one sketch add.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "vigil/config.hpp"
#include "vigil/metrics/sketch.hpp"
#include "vigil/metrics/stripes.hpp"

VIGIL_NAMESPACE_BEGIN

/// Bucket upper bounds for durations in seconds, 100 us to 60 s.
inline std::vector<double> default_seconds_buckets() {
  return {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
          0.1,    0.25,    0.5,    1,     2.5,    5,     10,   30,    60};
}

/// What a histogram holds at one moment.
struct HistogramSnapshot {
  std::vector<double> bounds;
  std::vector<std::uint64_t> bucket_counts;  // per bucket (not cumulative), +Inf last
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
    for (auto& stripe : stripes_) delete stripe.sketch.load(std::memory_order_acquire);
  }
  HistogramSeries(const HistogramSeries&) = delete;
  HistogramSeries& operator=(const HistogramSeries&) = delete;

  void record(double v) noexcept {
    const StripeRef ref = detail::stripe();
    Stripe& stripe = stripes_[ref.index];
    const auto bucket = static_cast<std::size_t>(
        std::lower_bound(bounds_.begin(), bounds_.end(), v) - bounds_.begin());
    add_to_cell<std::uint64_t>(stripe.buckets[bucket], 1, ref.owned);
    add_double(stripe.sum, v, ref.owned);
    LogLinearSketch* sketch = stripe.sketch.load(std::memory_order_acquire);
    if (VIGIL_DETAIL_UNLIKELY(sketch == nullptr)) sketch = create_sketch(stripe);
    sketch->record(v, ref.owned);
  }

  // `with_sketch` false skips merging the sketches (what Prometheus text needs is cheap).
  HistogramSnapshot snapshot(bool with_sketch = true) const {
    HistogramSnapshot out;
    out.bounds = bounds_;
    out.bucket_counts.assign(bounds_.size() + 1, 0);
    if (with_sketch) out.sketch.assign(LogLinearSketch::kBuckets + 1, 0);
    for (const auto& stripe : stripes_) {
      for (std::size_t i = 0; i <= bounds_.size(); ++i) {
        out.bucket_counts[i] += stripe.buckets[i].load(std::memory_order_relaxed);
      }
      out.sum += load_double(stripe.sum);
      const LogLinearSketch* sketch = stripe.sketch.load(std::memory_order_acquire);
      if (with_sketch && sketch != nullptr) sketch->add_to(out.sketch);
    }
    // The count is the buckets' total, so _count and le="+Inf" always agree.
    for (std::uint64_t c : out.bucket_counts) out.count += c;
    return out;
  }

 private:
  struct alignas(64) Stripe {
    std::unique_ptr<std::atomic<std::uint64_t>[]> buckets;
    std::atomic<std::uint64_t> sum{0};  // double bits
    std::atomic<LogLinearSketch*> sketch{nullptr};
  };

  VIGIL_DETAIL_NOINLINE static LogLinearSketch* create_sketch(Stripe& stripe) {
    auto* created = new LogLinearSketch();
    LogLinearSketch* expected = nullptr;
    if (stripe.sketch.compare_exchange_strong(expected, created, std::memory_order_acq_rel))
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

  void record(double v) const noexcept {
    if (series_ != nullptr) series_->record(v);
  }
  HistogramSnapshot snapshot() const {
    return series_ != nullptr ? series_->snapshot() : HistogramSnapshot{};
  }

 private:
  detail::HistogramSeries* series_ = nullptr;
};

VIGIL_NAMESPACE_END
