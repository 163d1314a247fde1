// vigil/metrics/gauge.hpp — Gauge: a value that is set (last writer wins) or moved.
//
// Thread-safety: set/add/value from any thread. Hot-path cost: one relaxed store (set) or
// one compare-exchange (add).
#pragma once

#include <atomic>
#include <cstdint>

#include "vigil/config.hpp"
#include "vigil/metrics/stripes.hpp"

VIGIL_NAMESPACE_BEGIN

namespace detail {
struct GaugeSeries {
  std::atomic<std::uint64_t> bits{0};  // double
};
}  // namespace detail

class Gauge {
 public:
  Gauge() = default;
  explicit Gauge(detail::GaugeSeries* series) : series_(series) {}

  void set(double v) const noexcept {
    if (series_ != nullptr)
      series_->bits.store(detail::double_to_bits(v), std::memory_order_relaxed);
  }
  void add(double delta) const noexcept {
    if (series_ != nullptr) detail::add_double(series_->bits, delta, false);  // one cell, shared
  }
  double value() const noexcept {
    return series_ != nullptr ? detail::load_double(series_->bits) : 0;
  }

 private:
  detail::GaugeSeries* series_ = nullptr;
};

VIGIL_NAMESPACE_END
