// vigil/export/metrics/prometheus_text.hpp — the registry in the Prometheus text exposition format
// 0.0.4 (what `promtool check metrics` reads) and in OpenMetrics 1.0 (what /metrics serves
// to a Prometheus that asks for it), the latter with exemplars: each histogram bucket line
// carries the trace_id/span_id of a recent span that fell in it.
//
// Families in name order with # HELP and # TYPE; series in label order; label values
// escaped (\\, \", \n); histograms as cumulative _bucket{le=...} lines ending with
// le="+Inf", then _sum and _count. Integers print exactly, other values as the shortest
// text that reads back as the same double.
// Thread-safety: reads the registry under its lock; handles keep recording meanwhile.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "vigil/config.hpp"
#include "vigil/detail/json.hpp"
#include "vigil/detail/number.hpp"
#include "vigil/metrics/registry.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

inline void append_prometheus_number(std::string& out, double v) {
  if (std::isnan(v)) {
    out += "NaN";
  } else if (std::isinf(v)) {
    out += v > 0 ? "+Inf" : "-Inf";
  } else if (v == std::floor(v) && std::fabs(v) < 9007199254740992.0) {
    out += std::to_string(static_cast<std::int64_t>(v));
  } else {
    append_shortest_double(out, v);
  }
}

// The exposition format is UTF-8: invalid bytes become U+FFFD, as in our JSON.
inline void append_escaped(std::string& out, std::string_view text, bool quote) {
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (static_cast<unsigned char>(c) >= 0x80) {
      const std::size_t n = utf8_sequence_length(text, i);
      out.append(n == 0 ? std::string_view("\xEF\xBF\xBD") : text.substr(i, n));
      i += n == 0 ? 1 : n;
      continue;
    }
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (quote && c == '"') {
      out += "\\\"";
    } else {
      out += c;
    }
    ++i;
  }
}

// {a="1",b="2"} with an optional extra label (le) last; nothing for an empty set.
inline void append_label_set(std::string& out, const Labels& labels,
                             std::string_view extra_name = {}, std::string_view extra_value = {}) {
  if (labels.empty() && extra_name.empty()) return;
  out += '{';
  const char* separator = "";
  for (const auto& [name, value] : labels) {
    out += separator;
    out += name;
    out += "=\"";
    append_escaped(out, value, true);
    out += '"';
    separator = ",";
  }
  if (!extra_name.empty()) {
    out += separator;
    out += extra_name;
    out += "=\"";
    out += extra_value;
    out += '"';
  }
  out += '}';
}

inline void append_sample(std::string& out, std::string_view name, const Labels& labels,
                          double value, std::string_view extra_name = {},
                          std::string_view extra_value = {}, const Exemplar* exemplar = nullptr) {
  out += name;
  append_label_set(out, labels, extra_name, extra_value);
  out += ' ';
  append_prometheus_number(out, value);
  if (exemplar != nullptr) {
    out += " # {trace_id=\"" + exemplar->trace_id.hex() + "\",span_id=\"" +
           exemplar->span_id.hex() + "\"} ";
    append_prometheus_number(out, exemplar->value);
  }
  out += '\n';
}

enum class TextFormat { prometheus_0_0_4, openmetrics_1_0 };

inline const char* prometheus_type(MetricType type) {
  switch (type) {
    case MetricType::counter:
      return "counter";
    case MetricType::histogram:
      return "histogram";
    case MetricType::updown_counter:
    case MetricType::gauge:
      break;
  }
  return "gauge";
}

inline void append_histogram(std::string& out, const Family& family, const Labels& labels,
                             const HistogramSnapshot& snapshot, TextFormat format) {
  const std::string bucket = family.name + "_bucket";
  const auto exemplar = [&](std::size_t i) -> const Exemplar* {
    return format == TextFormat::openmetrics_1_0 && snapshot.exemplars[i] ? &*snapshot.exemplars[i]
                                                                          : nullptr;
  };
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < snapshot.bounds.size(); ++i) {
    cumulative += snapshot.bucket_counts[i];
    std::string le;
    append_prometheus_number(le, snapshot.bounds[i]);
    append_sample(out, bucket, labels, static_cast<double>(cumulative), "le", le, exemplar(i));
  }
  // The +Inf bucket holds every observation.
  append_sample(out, bucket, labels, static_cast<double>(snapshot.count), "le", "+Inf",
                exemplar(snapshot.bounds.size()));
  append_sample(out, family.name + "_sum", labels, snapshot.sum);
  append_sample(out, family.name + "_count", labels, static_cast<double>(snapshot.count));
}

// OpenMetrics names a counter family without "_total" and its sample with it.
inline std::string family_name(const Family& family, TextFormat format) {
  const std::string_view suffix = "_total";
  const std::string& name = family.name;
  const bool has_suffix = name.size() > suffix.size() &&
                          name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  if (format == TextFormat::openmetrics_1_0 && family.type == MetricType::counter && has_suffix) {
    return name.substr(0, name.size() - suffix.size());
  }
  return name;
}

inline std::string exposition_text(TextFormat format) {
  std::string out;
  metric_registry().for_each([&out, format](const Family& family) {
    const std::string name = family_name(family, format);
    out += "# HELP " + name + ' ';
    append_escaped(out, family.help, false);
    out += "\n# TYPE " + name + ' ' + prometheus_type(family.type) + '\n';
    const std::string sample =
        format == TextFormat::openmetrics_1_0 && family.type == MetricType::counter
            ? name + "_total"
            : name;
    for (const auto& [labels, series] : family.sums)
      append_sample(out, sample, labels, series->sum.value());
    for (const auto& [labels, series] : family.gauges) {
      append_sample(out, name, labels, load_double(series->bits));
    }
    for (const auto& [labels, series] : family.histograms) {
      append_histogram(out, family, labels, HistogramSnapshot::of(series.get(), false), format);
    }
  });
  if (format == TextFormat::openmetrics_1_0) out += "# EOF\n";
  return out;
}

}  // namespace detail

/// Every metric of the process in the Prometheus text format 0.0.4.
inline std::string prometheus_text() {
  return detail::exposition_text(detail::TextFormat::prometheus_0_0_4);
}

/// Every metric of the process in OpenMetrics 1.0, with exemplars.
inline std::string openmetrics_text() {
  return detail::exposition_text(detail::TextFormat::openmetrics_1_0);
}

VIGIL_NAMESPACE_END
