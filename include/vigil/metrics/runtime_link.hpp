// vigil/metrics/runtime_link.hpp — the binding calls every file may make:
// vigil::counter, updown_counter, gauge, histogram with `{{"label", "value"}...}`.
//
// Binding goes through the registry's entry table (metrics/binding.hpp): a per-thread cache
// answers repeats, the registry's lock a first bind. Keep the handle where you can; its
// updates are the cheap part. metrics/registry.hpp adds the forms that take a Labels vector,
// histogram bounds and help texts.
// Thread-safety: binding from any thread; handles are values.
#pragma once

#include <initializer_list>

#include "vigil/config.hpp"
#include "vigil/detail/abi_check.hpp"
#include "vigil/metrics/counter.hpp"
#include "vigil/metrics/gauge.hpp"
#include "vigil/metrics/histogram.hpp"
#if VIGIL_DETAIL_METRICS_ON
#include <string_view>

#include "vigil/metrics/binding.hpp"
#else
#include "vigil/detail/macro_support.hpp"
#endif

VIGIL_NAMESPACE_BEGIN

#if VIGIL_DETAIL_METRICS_ON

inline Counter counter(std::string_view name, std::initializer_list<detail::LabelArg> labels = {},
                       std::string_view help = {}) {
  return Counter(static_cast<detail::SumSeries*>(
      detail::bind_series(MetricType::counter, name, labels, help)));
}

inline UpDownCounter updown_counter(std::string_view name,
                                    std::initializer_list<detail::LabelArg> labels = {},
                                    std::string_view help = {}) {
  return UpDownCounter(static_cast<detail::SumSeries*>(
      detail::bind_series(MetricType::updown_counter, name, labels, help)));
}

inline Gauge gauge(std::string_view name, std::initializer_list<detail::LabelArg> labels = {},
                   std::string_view help = {}) {
  return Gauge(static_cast<detail::GaugeSeries*>(
      detail::bind_series(MetricType::gauge, name, labels, help)));
}

/// A histogram with the seconds buckets (metrics/registry.hpp takes other bounds).
inline Histogram histogram(std::string_view name,
                           std::initializer_list<detail::LabelArg> labels = {}) {
  return Histogram(static_cast<detail::HistogramSeries*>(
      detail::bind_series(MetricType::histogram, name, labels, {})));
}

#else

// Compiled out: handles that do nothing, whatever they are bound to.
template <class Name, class Help = const char*>
Counter counter(const Name&, std::initializer_list<detail::Unevaluated> = {}, const Help& = {}) {
  return {};
}
template <class Name, class Help = const char*>
UpDownCounter updown_counter(const Name&, std::initializer_list<detail::Unevaluated> = {},
                             const Help& = {}) {
  return {};
}
template <class Name, class Help = const char*>
Gauge gauge(const Name&, std::initializer_list<detail::Unevaluated> = {}, const Help& = {}) {
  return {};
}
template <class Name>
Histogram histogram(const Name&, std::initializer_list<detail::Unevaluated> = {}) {
  return {};
}

#endif

VIGIL_NAMESPACE_END
