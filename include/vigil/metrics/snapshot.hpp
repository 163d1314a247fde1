// vigil/metrics/snapshot.hpp — what a histogram holds at one moment, merged over its stripes,
// and its quantiles.
//
// Thread-safety: a snapshot is taken from any thread while others record (each cell is read
// atomically; the snapshot is not one instant across cells). Not for hot paths: it
// allocates.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "vigil/config.hpp"
#include "vigil/metrics/exemplar.hpp"
#include "vigil/metrics/series.hpp"
#include "vigil/metrics/sketch.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

// The midpoint of sketch bucket i.
inline double sketch_value_of(std::size_t i) {
  using Sketch = LogLinearSketch;
  const int exponent = static_cast<int>(i / Sketch::kSub) + Sketch::kMinExponent;
  const double sub = static_cast<double>(i % Sketch::kSub);
  return std::ldexp(1.0 + (sub + 0.5) / Sketch::kSub, exponent);
}

/// The q-quantile (0 <= q <= 1) of merged sketch counts; NaN when empty.
inline double sketch_quantile(const std::vector<std::uint64_t>& merged, double q) {
  using Sketch = LogLinearSketch;
  std::uint64_t total = 0;
  for (std::uint64_t c : merged) total += c;
  if (total == 0) return std::nan("");
  const auto rank = static_cast<std::uint64_t>(std::floor(q * static_cast<double>(total - 1)));
  std::uint64_t seen = merged[Sketch::kZero];  // the zero bucket holds the smallest values
  if (rank < seen) return 0;
  for (std::size_t i = 0; i < Sketch::kBuckets; ++i) {
    seen += merged[i];
    if (rank < seen) return sketch_value_of(i);
  }
  return sketch_value_of(Sketch::kBuckets - 1);
}

}  // namespace detail

struct HistogramSnapshot {
  std::vector<double> bounds;
  std::vector<std::uint64_t> bucket_counts;        // per bucket (not cumulative), +Inf last
  std::vector<std::optional<Exemplar>> exemplars;  // per bucket, when a traced record hit it
  std::uint64_t count = 0;
  double sum = 0;
  std::vector<std::uint64_t> sketch;  // merged sketch counts

  double quantile(double q) const { return detail::sketch_quantile(sketch, q); }

  // `with_sketch` false skips merging the sketches (what Prometheus text needs is cheap).
  static HistogramSnapshot of(const detail::HistogramSeries* series, bool with_sketch = true);
};

inline HistogramSnapshot HistogramSnapshot::of(const detail::HistogramSeries* series,
                                               bool with_sketch) {
  using detail::LogLinearSketch;
  HistogramSnapshot out;
  if (series == nullptr) return out;
  const std::size_t n = series->bound_count();
  out.bounds.assign(series->bounds(), series->bounds() + n);
  out.bucket_counts.assign(n + 1, 0);
  out.exemplars.resize(n + 1);
  if (with_sketch) out.sketch.assign(LogLinearSketch::kBuckets + 1, 0);
  for (std::size_t s = 0; s < detail::kStripes; ++s) {
    const auto& stripe = series->stripes()[s];
    for (std::size_t i = 0; i <= n; ++i) {
      out.bucket_counts[i] += stripe.buckets[i].load(std::memory_order_relaxed);
    }
    out.sum += detail::load_double(stripe.sum);
    const auto* extras = stripe.extras.load(std::memory_order_acquire);
    if (extras == nullptr) continue;
    if (with_sketch) {
      for (std::size_t i = 0; i <= LogLinearSketch::kBuckets; ++i)
        out.sketch[i] += extras->sketch.count(i);
    }
    for (std::size_t i = 0; i <= n; ++i) {
      Exemplar e;
      if (!out.exemplars[i] && extras->exemplars[i].read(e)) out.exemplars[i] = e;
    }
  }
  // The count is the buckets' total, so _count and le="+Inf" always agree.
  for (std::uint64_t c : out.bucket_counts) out.count += c;
  return out;
}

VIGIL_NAMESPACE_END
