#include "vigil/export/metrics/prometheus_text.hpp"

#include <catch2/catch.hpp>

#include <string>

TEST_CASE("Prometheus text: HELP/TYPE, escaped labels, cumulative buckets", "[metrics][export]") {
  vigil::counter("text_batches_total", {{"equipment", "GAS \"T\"\\1\nx"}}, "Batches processed.")
      .add(3);
  vigil::gauge("text_health_score", {{"equipment", "FD_FAN"}}).set(0.25);
  const auto h = vigil::histogram("text_stage_duration_seconds", {{"stage", "fit.gmm"}}, {0.5, 1});
  h.record(0.2);
  h.record(0.7);
  h.record(3);
  const std::string text = vigil::prometheus_text();
  CHECK(text.find(
            "# HELP text_batches_total Batches processed.\n# TYPE text_batches_total counter\n"
            "text_batches_total{equipment=\"GAS \\\"T\\\"\\\\1\\nx\"} 3\n") != std::string::npos);
  CHECK(
      text.find("# TYPE text_health_score gauge\ntext_health_score{equipment=\"FD_FAN\"} 0.25\n") !=
      std::string::npos);
  CHECK(text.find("# TYPE text_stage_duration_seconds histogram\n"
                  "text_stage_duration_seconds_bucket{stage=\"fit.gmm\",le=\"0.5\"} 1\n"
                  "text_stage_duration_seconds_bucket{stage=\"fit.gmm\",le=\"1\"} 2\n"
                  "text_stage_duration_seconds_bucket{stage=\"fit.gmm\",le=\"+Inf\"} 3\n"
                  "text_stage_duration_seconds_sum{stage=\"fit.gmm\"} 3.9\n"
                  "text_stage_duration_seconds_count{stage=\"fit.gmm\"} 3\n") != std::string::npos);
}

TEST_CASE("Prometheus text: invalid UTF-8 in a label value becomes U+FFFD", "[metrics][export]") {
  vigil::counter("text_utf8_total", {{"sensor", "caf\xC3\xA9 \xFF\xC0\xAF"}}).add(1);
  const std::string text = vigil::prometheus_text();
  CHECK(text.find(
            "text_utf8_total{sensor=\"caf\xC3\xA9 \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"} 1\n") !=
        std::string::npos);
}

#include "capture.hpp"

TEST_CASE("OpenMetrics: counter families without _total, bucket exemplars, # EOF",
          "[metrics][export]") {
  vigil::counter("om_jobs_total").add(2);
  const auto h = vigil::histogram("om_fit_seconds", {}, {0.01, 1});
  vigil::SpanContext traced;
  {
    vigil_test::Capture capture;
    VIGIL_SPAN("fit.om");
    traced = vigil::current_context();
    h.record(0.5);  // inside a sampled span: it becomes the bucket's exemplar
  }
  h.record(0.001);  // outside any span: no exemplar
  const std::string text = vigil::openmetrics_text();
  CHECK(text.find("# HELP om_jobs om_jobs_total\n# TYPE om_jobs counter\nom_jobs_total 2\n") !=
        std::string::npos);
  CHECK(text.find("om_fit_seconds_bucket{le=\"0.01\"} 1\n") != std::string::npos);
  CHECK(text.find("om_fit_seconds_bucket{le=\"1\"} 2 # {trace_id=\"" + traced.trace_id.hex() +
                  "\",span_id=\"" + traced.span_id.hex() + "\"} 0.5\n") != std::string::npos);
  CHECK(text.size() >= 6);
  CHECK(text.compare(text.size() - 6, 6, "# EOF\n") == 0);
  CHECK(vigil::prometheus_text().find(" # {") == std::string::npos);  // 0.0.4 has no exemplars
}
