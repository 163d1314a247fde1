// vigil/metrics/series.hpp — where a metric series keeps its values: striped sums, a gauge
// cell, histogram buckets with a sketch and exemplars.
//
// The registry (metrics/registry.hpp) creates series and never frees them; handles point at
// them. A histogram stripe's sketch is allocated, with its exemplar slots, the first time a
// thread of that stripe records (the only allocation, once), so a series costs 32 KiB +
// 40 bytes x (buckets + 1) per recording stripe plus 20 x (64 + 8 x (buckets + 1)) bytes,
// plus 8 KiB for the table that finds a value's bucket from its sketch bucket.
// Nothing here needs more than <atomic>: this is on every instrumenting file's path.
// Thread-safety: record from any thread; reads sum the stripes (metrics/snapshot.hpp).
// Hot-path cost: a thread-local load and an uncontended add per cell; a histogram adds its
// sketch bucket (a few bit operations), one table load for its bucket, and a sketch add.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "vigil/config.hpp"
#include "vigil/metrics/exemplar.hpp"
#include "vigil/metrics/sketch.hpp"
#include "vigil/metrics/stripes.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

struct SumSeries {
  StripedSum sum;
};

struct GaugeSeries {
  std::atomic<std::uint64_t> bits{0};  // double
};

class HistogramSeries {
 public:
  // What a stripe allocates at its first record.
  struct Extras {
    explicit Extras(std::size_t buckets) : exemplars(new ExemplarSlot[buckets]) {}
    ~Extras() { delete[] exemplars; }
    Extras(const Extras&) = delete;
    Extras& operator=(const Extras&) = delete;
    LogLinearSketch sketch;
    ExemplarSlot* exemplars;
  };

  struct alignas(64) Stripe {
    std::atomic<std::uint64_t>* buckets = nullptr;
    std::atomic<std::uint64_t> sum{0};  // double bits
    std::atomic<Extras*> extras{nullptr};
  };

  // `bounds` (sorted, finite) are copied.
  HistogramSeries(const double* bounds, std::size_t count)
      : bounds_(new double[count > 0 ? count : 1]), bound_count_(count) {
    for (std::size_t i = 0; i < count; ++i) bounds_[i] = bounds[i];
    for (auto& stripe : stripes_) stripe.buckets = new std::atomic<std::uint64_t>[count + 1]();
    if (count < kNoTable) {
      first_bucket_ = new std::uint16_t[LogLinearSketch::kBuckets];
      for (std::size_t i = 0; i < LogLinearSketch::kBuckets; ++i)
        first_bucket_[i] =
            static_cast<std::uint16_t>(search(LogLinearSketch::low_edge(i), 0, count));
    }
  }
  ~HistogramSeries() {
    for (auto& stripe : stripes_) {
      delete stripe.extras.load(std::memory_order_acquire);
      delete[] stripe.buckets;
    }
    delete[] first_bucket_;
    delete[] bounds_;
  }
  HistogramSeries(const HistogramSeries&) = delete;
  HistogramSeries& operator=(const HistogramSeries&) = delete;

  // `exemplar`, when given, becomes its bucket's exemplar (owned stripes only).
  void record(double v, const Exemplar* exemplar = nullptr) noexcept {
    const StripeRef ref = detail::stripe();
    Stripe& stripe = stripes_[ref.index];
    const std::size_t index = LogLinearSketch::index(v);
    const std::size_t bucket = bucket_of(v, index);
    add_to_cell<std::uint64_t>(stripe.buckets[bucket], 1, ref.owned);
    add_double(stripe.sum, v, ref.owned);
    Extras* extras = stripe.extras.load(std::memory_order_acquire);
    if (VIGIL_DETAIL_UNLIKELY(extras == nullptr)) extras = create_extras(stripe);
    extras->sketch.record_at(index, ref.owned);
    if (exemplar != nullptr && ref.owned) extras->exemplars[bucket].write(*exemplar);
  }

  const double* bounds() const noexcept { return bounds_; }
  std::size_t bound_count() const noexcept { return bound_count_; }
  const Stripe* stripes() const noexcept { return stripes_; }

 private:
  // A bound count the table's entries cannot hold.
  static constexpr std::size_t kNoTable = 0xffff;

  // The first bound >= v (lower_bound); bound_count_ for +Inf. `index` is v's sketch bucket:
  // the answer lies between the table's entries for it and for the next sketch bucket, an
  // empty range unless bounds fall inside the sketch bucket.
  std::size_t bucket_of(double v, std::size_t index) const noexcept {
    if (VIGIL_DETAIL_UNLIKELY(index >= LogLinearSketch::kBuckets || first_bucket_ == nullptr))
      return search(v, 0, bound_count_);
    const std::size_t high =
        index + 1 < LogLinearSketch::kBuckets ? first_bucket_[index + 1] : bound_count_;
    return search(v, first_bucket_[index], high);
  }

  // lower_bound of v within bounds_[low, high).
  std::size_t search(double v, std::size_t low, std::size_t high) const noexcept {
    while (low < high) {
      const std::size_t mid = (low + high) / 2;
      if (bounds_[mid] < v) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  VIGIL_DETAIL_NOINLINE Extras* create_extras(Stripe& stripe) {
    auto* created = new Extras(bound_count_ + 1);
    Extras* expected = nullptr;
    if (stripe.extras.compare_exchange_strong(expected, created, std::memory_order_acq_rel))
      return created;
    delete created;  // another thread of this stripe won
    return expected;
  }

  double* bounds_;
  std::size_t bound_count_;
  std::uint16_t* first_bucket_ = nullptr;  // per sketch bucket: the first bound >= its low edge
  Stripe stripes_[kStripes];
};

}  // namespace detail
VIGIL_NAMESPACE_END
