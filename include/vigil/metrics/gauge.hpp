// vigil/metrics/gauge.hpp — Gauge: a value that is set (last writer wins) or moved.
//
// Thread-safety: set/add/value from any thread. Hot-path cost: one relaxed store (set) or
// one compare-exchange (add).
#pragma once

#include "vigil/config.hpp"
#if VIGIL_DETAIL_METRICS_ON
#include "vigil/metrics/series.hpp"
#endif

VIGIL_NAMESPACE_BEGIN

#if VIGIL_DETAIL_METRICS_ON

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

#else

namespace detail {
struct GaugeSeries;
}  // namespace detail

class Gauge {
 public:
  Gauge() = default;
  explicit Gauge(detail::GaugeSeries*) {}
  void set(double) const noexcept {}
  void add(double) const noexcept {}
  double value() const noexcept { return 0; }
};

#endif

VIGIL_NAMESPACE_END
