// vigil/metrics/registry.hpp — where metric families and their series live, and the
// functions that hand out bound handles: vigil::counter, updown_counter, gauge, histogram.
//
// Binding a handle looks the series up (one mutex, a map search): do it once and keep the
// handle (the macros do it per call site). A family holds at most max_series_per_metric
// label sets (default 2000); further label sets share one series labelled
// otel_metric_overflow="true", and the overflow is reported once. An invalid name, invalid
// labels or a name already registered with another type get a clear message, once, and a
// handle that does nothing.
// Thread-safety: every function may be called from any thread; series live until exit.
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vigil/config.hpp"
#include "vigil/detail/report.hpp"
#include "vigil/metrics/bind_cache.hpp"
#include "vigil/metrics/counter.hpp"
#include "vigil/metrics/gauge.hpp"
#include "vigil/metrics/histogram.hpp"
#include "vigil/metrics/labels.hpp"

VIGIL_NAMESPACE_BEGIN

enum class MetricType { counter, updown_counter, gauge, histogram };

namespace detail {

struct Family {
  std::string name;
  std::string help;
  MetricType type;
  std::vector<double> bounds;  // histograms
  std::map<Labels, std::unique_ptr<SumSeries>> sums;
  std::map<Labels, std::unique_ptr<GaugeSeries>> gauges;
  std::map<Labels, std::unique_ptr<HistogramSeries>> histograms;

  std::size_t size() const { return sums.size() + gauges.size() + histograms.size(); }
};

class Registry {
 public:
  template <class Series, class Make>
  Series* bind(std::string_view name, Labels labels, std::string_view help, MetricType type,
               std::map<Labels, std::unique_ptr<Series>> Family::*series, Make&& make,
               const std::vector<double>& bounds = {}) {
    if (!VIGIL_DETAIL_METRICS_ON) return nullptr;  // compiled out: handles do nothing
    if (!valid_metric_name(name)) {
      report_once(
          "metric-name:" + std::string(name),
          "metric name '" + std::string(name) + "' is not [a-zA-Z_:][a-zA-Z0-9_:]*; ignored");
      return nullptr;
    }
    if (!canonical_labels(labels)) {
      report_once("metric-labels:" + std::string(name),
                  "metric '" + std::string(name) + "': invalid or repeated label names; ignored");
      return nullptr;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    Family& family = family_for(name, help, type, bounds);
    if (family.type != type) {
      report_once(
          "metric-type:" + std::string(name),
          "metric '" + std::string(name) + "' is already registered with another type; ignored");
      return nullptr;
    }
    auto& map = family.*series;
    if (auto it = map.find(labels); it != map.end()) return it->second.get();
    if (family.size() >= max_series_) {
      report_once("metric-cardinality:" + family.name,
                  "metric '" + family.name + "' reached " + std::to_string(max_series_) +
                      " label sets; further ones are counted in otel_metric_overflow=\"true\"");
      labels = {{"otel_metric_overflow", "true"}};
      if (auto it = map.find(labels); it != map.end()) return it->second.get();
    }
    return map.emplace(std::move(labels), make(family)).first->second.get();
  }

  /// When the registry started, in unix nanoseconds (the start of every cumulative series).
  std::int64_t started_unix_ns() const { return started_unix_ns_; }

  double uptime_seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  }

  void set_max_series(std::size_t max) {
    std::lock_guard<std::mutex> lock(mutex_);
    max_series_ = max;
  }

  void lock_for_fork() { mutex_.lock(); }
  void unlock_after_fork() { mutex_.unlock(); }

  /// Calls fn(const Family&) for every family, in name order, under the registry lock.
  template <class Fn>
  void for_each(Fn&& fn) const {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& [name, family] : families_) fn(family);
  }

 private:
  Family& family_for(std::string_view name, std::string_view help, MetricType type,
                     const std::vector<double>& bounds) {
    auto it = families_.find(name);
    if (it == families_.end()) {
      Family family{
          std::string(name), std::string(help.empty() ? name : help), type, bounds, {}, {}, {}};
      it = families_.emplace(std::string(name), std::move(family)).first;
    }
    return it->second;
  }

  mutable std::mutex mutex_;
  std::map<std::string, Family, std::less<>> families_;
  std::size_t max_series_ = 2000;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::int64_t started_unix_ns_ = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                      std::chrono::system_clock::now().time_since_epoch())
                                      .count();
};

inline Registry& registry_instance() {
  static auto* registry = new Registry();  // leaked on purpose: handles outlive statics
  return *registry;
}

inline std::vector<double> checked_bounds(std::string_view name, std::vector<double> bounds) {
  std::sort(bounds.begin(), bounds.end());
  bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
  while (!bounds.empty() && std::isinf(bounds.back())) bounds.pop_back();  // +Inf is implicit
  if (bounds.empty()) {
    report_once("metric-bounds:" + std::string(name),
                "histogram '" + std::string(name) +
                    "' has no finite bucket bounds; using the seconds default");
    return default_seconds_buckets();
  }
  return bounds;
}

}  // namespace detail

inline Counter counter(std::string_view name, Labels labels = {}, std::string_view help = {}) {
  return Counter(detail::registry_instance().bind(
      name, std::move(labels), help, MetricType::counter, &detail::Family::sums,
      [](const detail::Family&) { return std::make_unique<detail::SumSeries>(); }));
}

inline UpDownCounter updown_counter(std::string_view name, Labels labels = {},
                                    std::string_view help = {}) {
  return UpDownCounter(detail::registry_instance().bind(
      name, std::move(labels), help, MetricType::updown_counter, &detail::Family::sums,
      [](const detail::Family&) { return std::make_unique<detail::SumSeries>(); }));
}

inline Gauge gauge(std::string_view name, Labels labels = {}, std::string_view help = {}) {
  return Gauge(detail::registry_instance().bind(
      name, std::move(labels), help, MetricType::gauge, &detail::Family::gauges,
      [](const detail::Family&) { return std::make_unique<detail::GaugeSeries>(); }));
}

/// A histogram series; `bounds` apply when the family is first registered.
inline Histogram histogram(std::string_view name, Labels labels = {},
                           std::vector<double> bounds = default_seconds_buckets(),
                           std::string_view help = {}) {
  return Histogram(detail::registry_instance().bind(
      name, std::move(labels), help, MetricType::histogram, &detail::Family::histograms,
      [](const detail::Family& family) {
        return std::make_unique<detail::HistogramSeries>(family.bounds);
      },
      detail::checked_bounds(name, std::move(bounds))));
}

namespace detail {
// The allocation-free path: the thread's cache first, the registry on a miss.
template <class Handle, class Bind>
Handle bind_cached(MetricType type, std::string_view name, std::initializer_list<LabelArg> labels,
                   Bind&& bind) {
  BindCache& cache = bind_cache();
  const std::uint64_t h = BindCache::hash(static_cast<int>(type), name, labels);
  if (void* series = cache.find(h, name, labels))
    return Handle(static_cast<decltype(bind(Labels{}))>(series));
  auto* series = bind(to_labels(labels));
  if (series != nullptr) cache.store(h, name, labels, series);
  return Handle(series);
}
}  // namespace detail

// Overloads taking `{{"label", value}...}` without building a Labels vector: for binding
// on every call (a per-thread cache answers repeats).
inline Counter counter(std::string_view name, std::initializer_list<detail::LabelArg> labels,
                       std::string_view help = {}) {
  return detail::bind_cached<Counter>(MetricType::counter, name, labels, [&](Labels owned) {
    return detail::registry_instance().bind(
        name, std::move(owned), help, MetricType::counter, &detail::Family::sums,
        [](const detail::Family&) { return std::make_unique<detail::SumSeries>(); });
  });
}

inline Gauge gauge(std::string_view name, std::initializer_list<detail::LabelArg> labels,
                   std::string_view help = {}) {
  return detail::bind_cached<Gauge>(MetricType::gauge, name, labels, [&](Labels owned) {
    return detail::registry_instance().bind(
        name, std::move(owned), help, MetricType::gauge, &detail::Family::gauges,
        [](const detail::Family&) { return std::make_unique<detail::GaugeSeries>(); });
  });
}

/// The most label sets one metric may have before new ones go to the overflow series.
inline void set_max_series_per_metric(std::size_t max) {
  detail::registry_instance().set_max_series(max);
}

VIGIL_NAMESPACE_END
