// vigil/metrics/sketch.hpp — quantiles with a bounded relative error, in bounded memory.
//
// A log-linear sketch (as HdrHistogram): each power of two is cut into 64 equal buckets,
// taken straight from a double's exponent and top 6 mantissa bits (no log() on the hot
// path). A quantile is answered with its bucket's midpoint, within 0.79% of a value that was
// recorded at that rank. Buckets cover 2^-30 (9.3e-10) to 2^34 (1.7e10); smaller values
// (zero, negatives, NaN) count in a zero bucket, larger ones in the top bucket.
// Memory: 4096 buckets x 8 bytes = 32 KiB per sketch. Sketches merge by adding counts.
// Thread-safety: record as stripes.hpp describes; reads merge snapshots.
#pragma once

#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "vigil/config.hpp"
#include "vigil/metrics/stripes.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

class LogLinearSketch {
 public:
  static constexpr int kSubBits = 6;
  static constexpr int kSub = 1 << kSubBits;
  static constexpr int kMinExponent = -30;
  static constexpr int kMaxExponent = 33;
  static constexpr std::size_t kBuckets =
      static_cast<std::size_t>(kMaxExponent - kMinExponent + 1) * kSub;
  static constexpr std::size_t kZero = kBuckets;  // index of the zero bucket in merged counts

  static std::size_t index(double v) noexcept {
    if (!(v > 0)) return kZero;
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    const int exponent = static_cast<int>(bits >> 52) - 1023;
    if (exponent < kMinExponent) return kZero;
    if (exponent > kMaxExponent) return kBuckets - 1;
    const auto sub = static_cast<std::size_t>((bits >> (52 - kSubBits)) & (kSub - 1));
    return static_cast<std::size_t>(exponent - kMinExponent) * kSub + sub;
  }

  // The midpoint of bucket i.
  static double value_of(std::size_t i) {
    const int exponent = static_cast<int>(i / kSub) + kMinExponent;
    const double sub = static_cast<double>(i % kSub);
    return std::ldexp(1.0 + (sub + 0.5) / kSub, exponent);
  }

  // `owned`: only the calling thread writes this sketch (see stripes.hpp).
  void record(double v, bool owned) noexcept {
    add_to_cell<std::uint64_t>(counts_[index(v)], 1, owned);
  }

  /// Adds this sketch's counts into `merged` (kBuckets + 1 entries).
  void add_to(std::vector<std::uint64_t>& merged) const {
    for (std::size_t i = 0; i <= kBuckets; ++i)
      merged[i] += counts_[i].load(std::memory_order_relaxed);
  }

  /// The q-quantile (0 <= q <= 1) of merged counts; NaN when empty.
  static double quantile(const std::vector<std::uint64_t>& merged, double q) {
    std::uint64_t total = 0;
    for (std::uint64_t c : merged) total += c;
    if (total == 0) return std::nan("");
    const auto rank = static_cast<std::uint64_t>(std::floor(q * static_cast<double>(total - 1)));
    std::uint64_t seen = merged[kZero];  // the zero bucket holds the smallest values
    if (rank < seen) return 0;
    for (std::size_t i = 0; i < kBuckets; ++i) {
      seen += merged[i];
      if (rank < seen) return value_of(i);
    }
    return value_of(kBuckets - 1);
  }

 private:
  std::atomic<std::uint64_t> counts_[kBuckets + 1] = {};
};

}  // namespace detail
VIGIL_NAMESPACE_END
