// vigil/metrics/site.hpp — the per-call-site handle cache behind VIGIL_COUNTER_ADD,
// VIGIL_GAUGE_SET and VIGIL_HISTOGRAM_RECORD.
//
// A call site binds its handle on its first execution (with the labels given then) and
// reuses it afterwards: the labels of a macro call site are fixed. The site object is
// constant-initialised, so no static-initialisation guard runs on the hot path. Two threads
// that both make a site's first call both bind; the registry gives both the same series.
// Thread-safety: any thread. Hot-path cost: one acquire load + the handle's own update.
#pragma once

#include <atomic>
#include <initializer_list>

#include "vigil/config.hpp"
#include "vigil/metrics/binding.hpp"
#include "vigil/metrics/counter.hpp"
#include "vigil/metrics/gauge.hpp"
#include "vigil/metrics/histogram.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

template <class Handle, class Series, MetricType kType>
class MetricSite {
 public:
  constexpr explicit MetricSite(const char* name) : name_(name) {}

  Handle handle(std::initializer_list<LabelArg> labels) {
    void* series = series_.load(std::memory_order_acquire);
    if (VIGIL_DETAIL_UNLIKELY(series == nullptr)) series = bind(labels);
    return Handle(static_cast<Series*>(series));
  }

 private:
  VIGIL_DETAIL_NOINLINE void* bind(std::initializer_list<LabelArg> labels) {
    void* series = bind_series(kType, name_, labels, {});
    series_.store(series, std::memory_order_release);
    return series;
  }

  const char* name_;
  std::atomic<void*> series_{nullptr};
};

using CounterSite = MetricSite<Counter, SumSeries, MetricType::counter>;
using GaugeSite = MetricSite<Gauge, GaugeSeries, MetricType::gauge>;
using HistogramSite = MetricSite<Histogram, HistogramSeries, MetricType::histogram>;

// The macros pass the value first (its own type: integers stay integers), then up to four
// {"label", "value"} pairs (braced, so they cannot be a deduced pack).
#define VIGIL_DETAIL_METRIC_SITE_OVERLOADS(method, Site, call)                                   \
  template <class V>                                                                             \
  inline void method(Site& site, V v) {                                                          \
    site.handle({}).call(v);                                                                     \
  }                                                                                              \
  template <class V>                                                                             \
  inline void method(Site& site, V v, const LabelArg& a) {                                       \
    site.handle({a}).call(v);                                                                    \
  }                                                                                              \
  template <class V>                                                                             \
  inline void method(Site& site, V v, const LabelArg& a, const LabelArg& b) {                    \
    site.handle({a, b}).call(v);                                                                 \
  }                                                                                              \
  template <class V>                                                                             \
  inline void method(Site& site, V v, const LabelArg& a, const LabelArg& b, const LabelArg& c) { \
    site.handle({a, b, c}).call(v);                                                              \
  }                                                                                              \
  template <class V>                                                                             \
  inline void method(Site& site, V v, const LabelArg& a, const LabelArg& b, const LabelArg& c,   \
                     const LabelArg& d) {                                                        \
    site.handle({a, b, c, d}).call(v);                                                           \
  }

VIGIL_DETAIL_METRIC_SITE_OVERLOADS(site_add, CounterSite, add)
VIGIL_DETAIL_METRIC_SITE_OVERLOADS(site_set, GaugeSite, set)
VIGIL_DETAIL_METRIC_SITE_OVERLOADS(site_record, HistogramSite, record)
#undef VIGIL_DETAIL_METRIC_SITE_OVERLOADS

}  // namespace detail
VIGIL_NAMESPACE_END
