// vigil/metrics/registry.hpp — where metric families and their series live, and the
// binding functions that take a Labels vector, bounds or help (the `{{"k", "v"}}` forms are
// in metrics/runtime_link.hpp and reach the registry through g_metrics_runtime, defined
// here).
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
#include "vigil/detail/fork.hpp"
#include "vigil/detail/report.hpp"
#include "vigil/detail/sdk_disabled.hpp"
#include "vigil/metrics/bind_cache.hpp"
#include "vigil/metrics/binding.hpp"
#include "vigil/metrics/counter.hpp"
#include "vigil/metrics/gauge.hpp"
#include "vigil/metrics/histogram.hpp"
#include "vigil/metrics/labels.hpp"
#include "vigil/metrics/runtime_link.hpp"
#include "vigil/metrics/series.hpp"
#include "vigil/metrics/snapshot.hpp"

VIGIL_NAMESPACE_BEGIN

/// Bucket upper bounds for durations in seconds, 100 us to 60 s.
inline std::vector<double> default_seconds_buckets() {
  return {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
          0.1,    0.25,    0.5,    1,     2.5,    5,     10,   30,    60};
}

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
    // Compiled out, or switched off by OTEL_SDK_DISABLED: handles do nothing.
    if (!VIGIL_DETAIL_METRICS_ON || sdk_disabled()) return nullptr;
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

inline Registry& metric_registry();

inline constexpr ForkParticipant kMetricsForkParticipant{
    40, [] { metric_registry().lock_for_fork(); }, [] { metric_registry().unlock_after_fork(); },
    [] { metric_registry().unlock_after_fork(); }};

inline Registry& metric_registry() {
  return fork_guarded<Registry>(kMetricsForkParticipant);
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

inline SumSeries* bind_sum(MetricType type, std::string_view name, Labels labels,
                           std::string_view help) {
  return metric_registry().bind(name, std::move(labels), help, type, &Family::sums,
                                [](const Family&) { return std::make_unique<SumSeries>(); });
}

inline GaugeSeries* bind_gauge(std::string_view name, Labels labels, std::string_view help) {
  return metric_registry().bind(name, std::move(labels), help, MetricType::gauge, &Family::gauges,
                                [](const Family&) { return std::make_unique<GaugeSeries>(); });
}

inline HistogramSeries* bind_histogram(std::string_view name, Labels labels,
                                       std::vector<double> bounds, std::string_view help) {
  return metric_registry().bind(
      name, std::move(labels), help, MetricType::histogram, &Family::histograms,
      [](const Family& family) {
        return std::make_unique<HistogramSeries>(family.bounds.data(), family.bounds.size());
      },
      checked_bounds(name, std::move(bounds)));
}

// The `{{"label", value}...}` binding of metrics/runtime_link.hpp: the thread's cache first,
// the registry on a miss.
inline void* bind_from_light_code(MetricType type, std::string_view name, const LabelArg* labels,
                                  std::size_t label_count, std::string_view help, std::uint64_t h) {
  if (sdk_disabled()) return nullptr;  // before the labels are copied: nothing allocates
  BindCache& cache = bind_cache();
  const LabelSpan span{labels, label_count};
  void* series = nullptr;
  switch (type) {
    case MetricType::counter:
    case MetricType::updown_counter:
      series = bind_sum(type, name, to_labels(span), help);
      break;
    case MetricType::gauge:
      series = bind_gauge(name, to_labels(span), help);
      break;
    case MetricType::histogram:
      series = bind_histogram(name, to_labels(span), default_seconds_buckets(), help);
      break;
  }
  if (series != nullptr) cache.store(h, type, name, span, series);
  return series;
}

// One weak definition per file that includes the registry; the linker keeps one.
VIGIL_DETAIL_WEAK extern const MetricsRuntime g_metrics_runtime = {
    &bind_from_light_code,
    [](const char* key, const char* message) { report_once(key, message); },
};

}  // namespace detail

inline Counter counter(std::string_view name, Labels labels, std::string_view help = {}) {
  return Counter(detail::bind_sum(MetricType::counter, name, std::move(labels), help));
}

inline UpDownCounter updown_counter(std::string_view name, Labels labels,
                                    std::string_view help = {}) {
  return UpDownCounter(detail::bind_sum(MetricType::updown_counter, name, std::move(labels), help));
}

inline Gauge gauge(std::string_view name, Labels labels, std::string_view help = {}) {
  return Gauge(detail::bind_gauge(name, std::move(labels), help));
}

/// A histogram series; `bounds` apply when the family is first registered.
inline Histogram histogram(std::string_view name, Labels labels,
                           std::vector<double> bounds = default_seconds_buckets(),
                           std::string_view help = {}) {
  return Histogram(detail::bind_histogram(name, std::move(labels), std::move(bounds), help));
}

/// The most label sets one metric may have before new ones go to the overflow series.
inline void set_max_series_per_metric(std::size_t max) {
  detail::metric_registry().set_max_series(max);
}

VIGIL_NAMESPACE_END
