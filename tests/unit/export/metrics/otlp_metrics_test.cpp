#include "vigil/export/metrics/otlp_metrics.hpp"

#include <catch2/catch.hpp>

#include <string>

TEST_CASE("OTLP metrics: sums, gauges and histograms with exemplars", "[metrics][export][otlp]") {
  vigil::counter("otlpm_rows_total", {{"equipment", "FD_FAN"}}).add(42);
  vigil::updown_counter("otlpm_queue").add(2.5);
  vigil::gauge("otlpm_health").set(0.75);
  const auto h = vigil::histogram("otlpm_seconds", {}, {0.1, 1});
  h.record(0.5, vigil::Exemplar{{1, 2}, {3}, 0.5});
  h.record(5);
  const std::string json = vigil::otlp_metrics_request();
  CHECK(json.rfind("{\"resourceMetrics\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\"",
                   0) == 0);
  CHECK(
      json.find("{\"name\":\"otlpm_rows_total\",\"description\":\"otlpm_rows_total\",\"sum\":{"
                "\"dataPoints\":"
                "[{\"attributes\":[{\"key\":\"equipment\",\"value\":{\"stringValue\":\"FD_FAN\"}}],"
                "\"startTimeUnixNano\":\"") != std::string::npos);
  CHECK(json.find("\"asInt\":\"42\"}],\"aggregationTemporality\":2,\"isMonotonic\":true}}") !=
        std::string::npos);
  CHECK(json.find("\"asDouble\":2.5}],\"aggregationTemporality\":2,\"isMonotonic\":false}}") !=
        std::string::npos);
  CHECK(json.find("\"gauge\":{\"dataPoints\":[{\"attributes\":[],") != std::string::npos);
  CHECK(
      json.find("\"count\":\"2\",\"sum\":5.5,\"bucketCounts\":[\"0\",\"1\",\"1\"],"
                "\"explicitBounds\":[0.1,1],"
                "\"exemplars\":[{\"asDouble\":0.5,\"traceId\":\"00000000000000010000000000000002\","
                "\"spanId\":\"0000000000000003\"}]}") != std::string::npos);
}
