#include "vigil/export/prometheus_text.hpp"

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
