// vigil/export/metrics/otlp_metrics.hpp — every metric as an OTLP ExportMetricsServiceRequest in
// the OTLP/JSON encoding, for files (one request per line) or a collector.
//
// Counters are cumulative monotonic sums, up-down counters non-monotonic sums, gauges
// gauges, histograms explicit-bucket histograms with their exemplars. Integer sums use
// asInt, others asDouble; labels become string attributes; the start time of every series
// is when the registry started. The resource is the tracing resource (service.name...).
// Thread-safety: reads the registry under its lock.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "vigil/common/resource.hpp"
#include "vigil/config.hpp"
#include "vigil/detail/json.hpp"
#include "vigil/detail/output_file.hpp"
#include "vigil/export/spans/otlp_json.hpp"
#include "vigil/metrics/registry.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

struct OtlpPointTimes {
  std::string start, now;
};

inline void append_point_head(std::string& out, const Labels& labels, const OtlpPointTimes& times) {
  out += "{\"attributes\":";
  {
    OtlpAttributeWriter attributes(out);
    for (const auto& [name, value] : labels) attributes.add(name, value);
  }
  out += ",\"startTimeUnixNano\":\"" + times.start + "\",\"timeUnixNano\":\"" + times.now + '"';
}

inline void append_sum_points(std::string& out, const Family& family, const OtlpPointTimes& times) {
  const char* separator = "";
  for (const auto& [labels, series] : family.sums) {
    out += separator;
    append_point_head(out, labels, times);
    if (series->sum.real() == 0) {
      out += ",\"asInt\":\"" + std::to_string(series->sum.integer()) + "\"}";
    } else {
      out += ",\"asDouble\":";
      append_json_number(out, series->sum.value());
      out += '}';
    }
    separator = ",";
  }
}

inline void append_histogram_point(std::string& out, const Labels& labels,
                                   const HistogramSnapshot& s, const OtlpPointTimes& times) {
  append_point_head(out, labels, times);
  out += ",\"count\":\"" + std::to_string(s.count) + "\",\"sum\":";
  append_json_number(out, s.sum);
  out += ",\"bucketCounts\":[";
  for (std::size_t i = 0; i < s.bucket_counts.size(); ++i) {
    out += (i > 0 ? ",\"" : "\"") + std::to_string(s.bucket_counts[i]) + '"';
  }
  out += "],\"explicitBounds\":[";
  for (std::size_t i = 0; i < s.bounds.size(); ++i) {
    if (i > 0) out += ',';
    append_json_number(out, s.bounds[i]);
  }
  out += "],\"exemplars\":[";
  const char* separator = "";
  for (const auto& exemplar : s.exemplars) {
    if (!exemplar) continue;
    out += separator;
    out += "{\"asDouble\":";
    append_json_number(out, exemplar->value);
    out += ",\"traceId\":\"" + exemplar->trace_id.hex() + "\",\"spanId\":\"" +
           exemplar->span_id.hex() + "\"}";
    separator = ",";
  }
  out += "]}";
}

inline void append_otlp_metric(std::string& out, const Family& family,
                               const OtlpPointTimes& times) {
  out += "{\"name\":";
  append_json_string(out, family.name);
  out += ",\"description\":";
  append_json_string(out, family.help);
  switch (family.type) {
    case MetricType::counter:
    case MetricType::updown_counter:
      out += ",\"sum\":{\"dataPoints\":[";
      append_sum_points(out, family, times);
      out += "],\"aggregationTemporality\":2,\"isMonotonic\":";
      out += family.type == MetricType::counter ? "true}}" : "false}}";
      return;
    case MetricType::gauge: {
      out += ",\"gauge\":{\"dataPoints\":[";
      const char* separator = "";
      for (const auto& [labels, series] : family.gauges) {
        out += separator;
        append_point_head(out, labels, times);
        out += ",\"asDouble\":";
        append_json_number(out, load_double(series->bits));
        out += '}';
        separator = ",";
      }
      out += "]}}";
      return;
    }
    case MetricType::histogram:
      break;
  }
  out += ",\"histogram\":{\"dataPoints\":[";
  const char* separator = "";
  for (const auto& [labels, series] : family.histograms) {
    out += separator;
    append_histogram_point(out, labels, HistogramSnapshot::of(series.get(), false), times);
    separator = ",";
  }
  out += "],\"aggregationTemporality\":2}}";
}

}  // namespace detail

/// Every metric as one ExportMetricsServiceRequest (no trailing newline).
inline std::string otlp_metrics_request() {
  const auto now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  const detail::OtlpPointTimes times{std::to_string(detail::metric_registry().started_unix_ns()),
                                     std::to_string(now)};
  std::string out = "{\"resourceMetrics\":[{\"resource\":{\"attributes\":";
  detail::OtlpAttributeWriter(out).add(resource()->attributes);
  out += "},\"scopeMetrics\":[{\"scope\":{\"name\":\"vigil\",\"version\":\"" VIGIL_VERSION_STRING
         "\"},\"metrics\":[";
  const char* separator = "";
  detail::metric_registry().for_each([&](const detail::Family& family) {
    if (family.size() == 0) return;
    out += separator;
    detail::append_otlp_metric(out, family, times);
    separator = ",";
  });
  out += "]}]}]}";
  return out;
}

/// Appends the current metrics to an OTLP/JSON lines file, one request per call.
class OtlpMetricsFile {
 public:
  explicit OtlpMetricsFile(std::string path) : file_(std::move(path), "otlp metrics file") {}
  void write() {
    file_.write(otlp_metrics_request() + '\n');
    file_.flush();
  }

 private:
  detail::OutputFile file_;
};

VIGIL_NAMESPACE_END
