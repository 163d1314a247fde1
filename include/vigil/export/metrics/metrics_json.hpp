// vigil/export/metrics/metrics_json.hpp — a JSON summary of every metric (/metrics/summary):
// uptime, and per series its labels and value, or for histograms count, sum, mean and
// P50/P95/P99 from the sketch (within 1%).
//
//   {"uptime_seconds":12.5,"metrics":[{"name":"...","type":"histogram","help":"...",
//     "series":[{"labels":{"stage":"fit.gmm"},"count":3,"sum":0.42,"mean":0.14,
//                "p50":0.13,"p95":0.2,"p99":0.2}]}]}
// Thread-safety: reads the registry under its lock.
#pragma once

#include <cmath>
#include <string>

#include "vigil/config.hpp"
#include "vigil/detail/json.hpp"
#include "vigil/metrics/registry.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

inline const char* metric_type_name(MetricType type) {
  switch (type) {
    case MetricType::counter:
      return "counter";
    case MetricType::updown_counter:
      return "updown_counter";
    case MetricType::gauge:
      return "gauge";
    case MetricType::histogram:
      break;
  }
  return "histogram";
}

inline void append_labels_object(std::string& out, const Labels& labels) {
  out += "{\"labels\":{";
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) out += ',';
    append_json_string(out, labels[i].first);
    out += ':';
    append_json_string(out, labels[i].second);
  }
  out += '}';
}

inline void append_field(std::string& out, const char* name, double value) {
  out += ",\"";
  out += name;
  out += "\":";
  if (std::isnan(value)) {
    out += "null";  // an empty histogram has no quantiles
  } else {
    append_json_number(out, value);
  }
}

}  // namespace detail

inline std::string metrics_json() {
  std::string out = "{\"uptime_seconds\":";
  detail::append_json_number(out, detail::metric_registry().uptime_seconds());
  out += ",\"metrics\":[";
  bool first_family = true;
  detail::metric_registry().for_each([&](const detail::Family& family) {
    out += first_family ? "" : ",";
    first_family = false;
    out += "{\"name\":";
    detail::append_json_string(out, family.name);
    out += ",\"type\":\"";
    out += detail::metric_type_name(family.type);
    out += "\",\"help\":";
    detail::append_json_string(out, family.help);
    out += ",\"series\":[";
    const char* separator = "";
    for (const auto& [labels, series] : family.sums) {
      out += separator;
      detail::append_labels_object(out, labels);
      detail::append_field(out, "value", series->sum.value());
      out += '}';
      separator = ",";
    }
    for (const auto& [labels, series] : family.gauges) {
      out += separator;
      detail::append_labels_object(out, labels);
      detail::append_field(out, "value", detail::load_double(series->bits));
      out += '}';
      separator = ",";
    }
    for (const auto& [labels, series] : family.histograms) {
      const HistogramSnapshot s = HistogramSnapshot::of(series.get());
      out += separator;
      detail::append_labels_object(out, labels);
      out += ",\"count\":" + std::to_string(s.count);
      detail::append_field(out, "sum", s.sum);
      detail::append_field(out, "mean",
                           s.count > 0 ? s.sum / static_cast<double>(s.count) : std::nan(""));
      detail::append_field(out, "p50", s.quantile(0.5));
      detail::append_field(out, "p95", s.quantile(0.95));
      detail::append_field(out, "p99", s.quantile(0.99));
      out += '}';
      separator = ",";
    }
    out += "]}";
  });
  out += "]}";
  return out;
}

VIGIL_NAMESPACE_END
