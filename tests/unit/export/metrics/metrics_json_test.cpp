#include "vigil/export/metrics/metrics_json.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include "files.hpp"

#include "vigil/export/metrics/prometheus_textfile.hpp"

TEST_CASE("the JSON summary has uptime, values and histogram percentiles", "[metrics][export]") {
  vigil::counter("json_requests_total", {{"route", "/score"}}).add(7);
  const auto h = vigil::histogram("json_latency_seconds", {{"route", "/score"}});
  for (int i = 1; i <= 100; ++i) h.record(i * 0.001);
  vigil::histogram("json_unused_seconds");
  const std::string json = vigil::metrics_json();
  CHECK(json.rfind("{\"uptime_seconds\":", 0) == 0);
  CHECK(
      json.find(
          "{\"name\":\"json_requests_total\",\"type\":\"counter\",\"help\":\"json_requests_total\","
          "\"series\":[{\"labels\":{\"route\":\"/score\"},\"value\":7}]}") != std::string::npos);
  const auto at = json.find("\"name\":\"json_latency_seconds\"");
  REQUIRE(at != std::string::npos);
  CHECK(json.find("\"count\":100,\"sum\":5.05", at) != std::string::npos);
  const auto p50 = json.find("\"p50\":", at);
  CHECK(std::stod(json.substr(p50 + 6)) == Approx(0.050).epsilon(0.01));
  CHECK(json.find("\"p50\":null") != std::string::npos);  // the empty histogram
}

TEST_CASE("the node_exporter textfile is written whole, or reported once", "[metrics][export]") {
  vigil::gauge("textfile_last_run_timestamp_seconds").set(1700000000);
  REQUIRE(vigil::write_prometheus_textfile("vigil_textfile_test.prom"));
  CHECK(vigil_test::read_file("vigil_textfile_test.prom") == vigil::prometheus_text());
  std::remove("vigil_textfile_test.prom");
  int told = 0;
  vigil::set_report_handler([&told](const std::string&) { ++told; });
  CHECK_FALSE(vigil::write_prometheus_textfile("/nonexistent-dir/metrics.prom"));
  CHECK_FALSE(vigil::write_prometheus_textfile("/nonexistent-dir/metrics.prom"));
  vigil::set_report_handler(nullptr);
  CHECK(told == 1);
}
