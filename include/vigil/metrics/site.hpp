// vigil/metrics/site.hpp — the per-call-site handle cache behind VIGIL_COUNTER_ADD,
// VIGIL_GAUGE_SET and VIGIL_HISTOGRAM_RECORD.
//
// A call site binds its handle on its first execution (with the labels given then) and
// reuses it afterwards: the labels of a macro call site are fixed. The site object is
// constant-initialised, so no static-initialisation guard runs on the hot path.
// Thread-safety: concurrent first calls bind once (std::call_once).
// Hot-path cost: one acquire load + the handle's own update.
#pragma once

#include <initializer_list>
#include <mutex>
#include <string>
#include <string_view>

#include "vigil/config.hpp"
#include "vigil/metrics/registry.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

template <class Handle>
class MetricSite {
 public:
  constexpr explicit MetricSite(const char* name) : name_(name) {}

  template <class Bind>
  const Handle& handle(Bind&& bind, std::initializer_list<LabelArg> labels) {
    std::call_once(once_, [&] { handle_ = bind(name_, to_labels(labels)); });
    return handle_;
  }

 private:
  const char* name_;
  std::once_flag once_;
  Handle handle_;
};

// The macros pass the value first (its own type: integers stay integers), then up to four
// {"label", "value"} pairs.
#define VIGIL_DETAIL_METRIC_SITE_OVERLOADS(method, Handle, bind, call)                      \
  template <class V>                                                                        \
  inline void method(MetricSite<Handle>& site, V v) {                                       \
    site.handle(bind, {}).call(v);                                                          \
  }                                                                                         \
  template <class V>                                                                        \
  inline void method(MetricSite<Handle>& site, V v, const LabelArg& a) {                    \
    site.handle(bind, {a}).call(v);                                                         \
  }                                                                                         \
  template <class V>                                                                        \
  inline void method(MetricSite<Handle>& site, V v, const LabelArg& a, const LabelArg& b) { \
    site.handle(bind, {a, b}).call(v);                                                      \
  }                                                                                         \
  template <class V>                                                                        \
  inline void method(MetricSite<Handle>& site, V v, const LabelArg& a, const LabelArg& b,   \
                     const LabelArg& c) {                                                   \
    site.handle(bind, {a, b, c}).call(v);                                                   \
  }                                                                                         \
  template <class V>                                                                        \
  inline void method(MetricSite<Handle>& site, V v, const LabelArg& a, const LabelArg& b,   \
                     const LabelArg& c, const LabelArg& d) {                                \
    site.handle(bind, {a, b, c, d}).call(v);                                                \
  }

inline Counter bind_counter(const char* name, Labels labels) {
  return counter(name, std::move(labels));
}
inline Gauge bind_gauge(const char* name, Labels labels) {
  return gauge(name, std::move(labels));
}
inline Histogram bind_histogram(const char* name, Labels labels) {
  return histogram(name, std::move(labels));
}

VIGIL_DETAIL_METRIC_SITE_OVERLOADS(site_add, Counter, bind_counter, add)
VIGIL_DETAIL_METRIC_SITE_OVERLOADS(site_set, Gauge, bind_gauge, set)
VIGIL_DETAIL_METRIC_SITE_OVERLOADS(site_record, Histogram, bind_histogram, record)
#undef VIGIL_DETAIL_METRIC_SITE_OVERLOADS

}  // namespace detail
VIGIL_NAMESPACE_END
