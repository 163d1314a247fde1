// vigil/metrics/counter.hpp — Counter (monotonic) and UpDownCounter handles.
//
// A handle is bound once to its series (vigil::counter(name, labels)) and then adds to a
// striped cell: no lookup, no lock, no allocation. A default-constructed or rejected handle
// does nothing. Counter accepts integer and double increments; a negative increment is
// refused (reported once) since counters only go up.
// Thread-safety: handles are copyable values; add from any thread.
// Hot-path cost: one thread-local load + one uncontended atomic add (~2 ns).
#pragma once

#include "vigil/config.hpp"
#if VIGIL_DETAIL_METRICS_ON
#include <cstdint>
#include <type_traits>

#include "vigil/metrics/binding.hpp"
#include "vigil/metrics/series.hpp"
#endif

VIGIL_NAMESPACE_BEGIN

#if VIGIL_DETAIL_METRICS_ON

class Counter {
 public:
  Counter() = default;
  explicit Counter(detail::SumSeries* series) : series_(series) {}

  template <class T, std::enable_if_t<std::is_integral_v<T>, int> = 0>
  void add(T n = 1) const noexcept {
    if (series_ == nullptr) return;
    if (VIGIL_DETAIL_UNLIKELY(n < 0)) return refuse();
    series_->sum.add(static_cast<std::int64_t>(n));
  }
  void add(double v) const noexcept {
    if (series_ == nullptr) return;
    if (VIGIL_DETAIL_UNLIKELY(!(v >= 0))) return refuse();
    series_->sum.add(v);
  }
  void inc() const noexcept { add(1); }
  double value() const noexcept { return series_ != nullptr ? series_->sum.value() : 0; }

 private:
  VIGIL_DETAIL_COLD static void refuse() {
    detail::report_metrics_problem("counter-negative",
                                   "a counter was asked to go down; the increment was ignored");
  }
  detail::SumSeries* series_ = nullptr;
};

class UpDownCounter {
 public:
  UpDownCounter() = default;
  explicit UpDownCounter(detail::SumSeries* series) : series_(series) {}

  template <class T, std::enable_if_t<std::is_integral_v<T>, int> = 0>
  void add(T n) const noexcept {
    if (series_ != nullptr) series_->sum.add(static_cast<std::int64_t>(n));
  }
  void add(double v) const noexcept {
    if (series_ != nullptr) series_->sum.add(v);
  }
  double value() const noexcept { return series_ != nullptr ? series_->sum.value() : 0; }

 private:
  detail::SumSeries* series_ = nullptr;
};

#else

namespace detail {
struct SumSeries;
}  // namespace detail

class Counter {
 public:
  Counter() = default;
  explicit Counter(detail::SumSeries*) {}
  template <class T = int>
  void add(T = 1) const noexcept {}
  void inc() const noexcept {}
  double value() const noexcept { return 0; }
};

class UpDownCounter {
 public:
  UpDownCounter() = default;
  explicit UpDownCounter(detail::SumSeries*) {}
  template <class T>
  void add(T) const noexcept {}
  double value() const noexcept { return 0; }
};

#endif

VIGIL_NAMESPACE_END
