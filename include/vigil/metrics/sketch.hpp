// vigil/metrics/sketch.hpp — quantiles with a bounded relative error, in bounded memory.
//
// A log-linear sketch (as HdrHistogram): each power of two is cut into 64 equal buckets,
// taken straight from a double's exponent and top 6 mantissa bits (no log() on the hot
// path). A quantile is answered with its bucket's midpoint, within 0.79% of a value that was
// recorded at that rank. Buckets cover 2^-30 (9.3e-10) to 2^34 (1.7e10); smaller values
// (zero, negatives, NaN) count in a zero bucket, larger ones in the top bucket.
// Memory: 4096 buckets x 8 bytes = 32 KiB per sketch. Sketches merge by adding counts.
// Merging and quantiles are in metrics/snapshot.hpp, off the recording path.
// Thread-safety: record as stripes.hpp describes; reads merge snapshots.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>

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

  // The smallest value bucket `i` (< kBuckets) holds.
  static double low_edge(std::size_t i) noexcept {
    const auto exponent =
        static_cast<std::uint64_t>(static_cast<int>(i / kSub) + kMinExponent + 1023);
    const std::uint64_t bits = (exponent << 52) | (std::uint64_t{i % kSub} << (52 - kSubBits));
    double v;
    std::memcpy(&v, &bits, sizeof v);
    return v;
  }

  // Counts one value in bucket `i` (from index()). `owned`: only the calling thread writes
  // this sketch (see stripes.hpp).
  void record_at(std::size_t i, bool owned) noexcept {
    add_to_cell<std::uint64_t>(counts_[i], 1, owned);
  }

  std::uint64_t count(std::size_t i) const noexcept {
    return counts_[i].load(std::memory_order_relaxed);
  }

 private:
  std::atomic<std::uint64_t> counts_[kBuckets + 1] = {};
};

}  // namespace detail
VIGIL_NAMESPACE_END
