#include "vigil/metrics/registry.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "vigil/export/metrics/prometheus_text.hpp"

namespace {
std::vector<std::string> told;
struct Listen {
  Listen() {
    told.clear();
    vigil::set_report_handler([](const std::string& m) { told.push_back(m); });
  }
  ~Listen() { vigil::set_report_handler(nullptr); }
};
}  // namespace

TEST_CASE("bad names, bad labels and type clashes give an inert handle and one message",
          "[metrics]") {
  Listen listen;
  auto bad_name = vigil::counter("1starts_with_digit");
  bad_name.inc();
  vigil::counter("1starts_with_digit").inc();
  CHECK(bad_name.value() == 0);
  CHECK(vigil::counter("test_labels_total", {{"__reserved", "x"}}).value() == 0);
  CHECK(vigil::counter("test_labels_total", {{"a", "1"}, {"a", "2"}}).value() == 0);
  vigil::gauge("test_clash").set(1);
  auto clash = vigil::counter("test_clash");
  clash.inc();
  CHECK(clash.value() == 0);
  CHECK(told.size() == 3);
}

TEST_CASE("label cardinality is capped, the rest goes to one overflow series", "[metrics]") {
  Listen listen;
  vigil::set_max_series_per_metric(10);
  for (int i = 0; i < 25; ++i)
    vigil::counter("test_cardinality_total", {{"id", std::to_string(i)}}).inc();
  vigil::set_max_series_per_metric(2000);
  CHECK(vigil::counter("test_cardinality_total", {{"otel_metric_overflow", "true"}}).value() == 15);
  CHECK(told.size() == 1);
  const std::string text = vigil::prometheus_text();
  CHECK(text.find("test_cardinality_total{id=\"9\"} 1\n") != std::string::npos);
  CHECK(text.find("test_cardinality_total{id=\"10\"}") == std::string::npos);
}
