// vigil/metrics/binding.hpp — the metric registry's entry table, through which light code
// binds handles (metrics/runtime_link.hpp) without compiling the registry.
//
// The registry (metrics/registry.hpp) publishes g_metrics_runtime as one weak constant in
// every file that includes it; the linker keeps one. Where no file includes it the symbol
// is null and every handle binds to nothing: its updates are dropped.
// Thread-safety: the table is immutable.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string_view>

#include "vigil/config.hpp"

VIGIL_NAMESPACE_BEGIN

enum class MetricType { counter, updown_counter, gauge, histogram };

namespace detail {

/// A label as the allocation-free binding path takes it: `{"stage", "fit.gmm"}`.
struct LabelArg {
  constexpr LabelArg(std::string_view n, std::string_view v) : name(n), value(v) {}
  std::string_view name;
  std::string_view value;
};

struct MetricsRuntime {
  // The series of (type, name, labels), registered on first use; null when refused
  // (reported once). Histograms get the seconds buckets.
  void* (*bind)(MetricType type, std::string_view name, const LabelArg* labels,
                std::size_t label_count, std::string_view help);
  void (*report_once)(const char* key, const char* message);
};

extern const MetricsRuntime g_metrics_runtime VIGIL_DETAIL_WEAK;

inline void* bind_series(MetricType type, std::string_view name,
                         std::initializer_list<LabelArg> labels, std::string_view help) {
  const MetricsRuntime* runtime = &g_metrics_runtime;
  return runtime != nullptr ? runtime->bind(type, name, labels.begin(), labels.size(), help)
                            : nullptr;
}

inline void report_metrics_problem(const char* key, const char* message) noexcept {
  if (const MetricsRuntime* runtime = &g_metrics_runtime) runtime->report_once(key, message);
}

}  // namespace detail
VIGIL_NAMESPACE_END
