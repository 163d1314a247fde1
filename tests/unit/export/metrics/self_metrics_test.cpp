// vigil/export/metrics/self_metrics.hpp: vigil_* series follow the collector's counts, the fullest
// buffer, failed exports and dropped log records.
#include "vigil/export/metrics/self_metrics.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

#include "capture.hpp"
#include "vigil/runtime.hpp"

namespace {

// The value of the unlabelled series `name` in the Prometheus text, or -1.
double value_of(const std::string& text, const std::string& name) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(name + " ", 0) == 0) return std::stod(line.substr(name.size() + 1));
  }
  return -1;
}

}  // namespace

TEST_CASE("span counts and the fullest buffer are published as vigil_* series", "[export][self]") {
  vigil::configure({64, std::chrono::hours(1)});
  vigil_test::Capture capture;
  // Let the collector finish its current wait and start one of an hour.
  std::this_thread::sleep_for(std::chrono::milliseconds(120));
  double fill_seen = -1;
  std::thread([&fill_seen] {
    for (int i = 0; i < 32; ++i) {
      VIGIL_SPAN("self.half");
    }
    vigil::publish_self_metrics();
    fill_seen = value_of(vigil::prometheus_text(), "vigil_buffer_fill_ratio");
    for (int i = 0; i < 100; ++i) {
      VIGIL_SPAN("self.overflow");
    }
  }).join();
  CHECK(fill_seen == Approx(0.5));
  vigil::flush();
  vigil::publish_self_metrics();
  const std::string text = vigil::prometheus_text();
  const auto stats = vigil::stats();
  CHECK(stats.spans_dropped == 132 - 64);
  CHECK(value_of(text, "vigil_spans_created_total") == stats.spans_created);
  CHECK(value_of(text, "vigil_spans_exported_total") == stats.spans_exported);
  CHECK(value_of(text, "vigil_spans_dropped_total") == stats.spans_dropped);
  CHECK(value_of(text, "vigil_buffer_fill_ratio") == 0);
  const auto& counters = vigil::detail::self_counters();
  CHECK(value_of(text, "vigil_exporter_errors_total") == counters.exporter_errors.load());
  CHECK(value_of(text, "vigil_log_records_dropped_total") == counters.log_records_dropped.load());
  CHECK(value_of(text, "vigil_log_records_truncated_total") ==
        counters.log_records_truncated.load());
  vigil::publish_self_metrics();  // publishing again adds nothing
  CHECK(value_of(vigil::prometheus_text(), "vigil_spans_created_total") == stats.spans_created);
  vigil::configure({});
}

TEST_CASE("failed file writes and log lines a full queue refused are counted", "[export][self]") {
  vigil::set_report_handler([](const std::string&) {});
  vigil::publish_self_metrics();
  const std::string before = vigil::prometheus_text();
  vigil_test::Capture capture;
  auto full_disk = std::make_shared<vigil::OtlpFileExporter>("/dev/full");
  vigil::add_exporter(full_disk);
  { VIGIL_SPAN("self.lost"); }
  vigil::remove_exporter(full_disk);
  const auto previous_sinks = vigil::log_sinks();
  vigil::set_log_delivery(vigil::LogDelivery::caller);  // the callers meet the full queue
  // A queue of one line whose worker waits an hour: the first line waits, the rest are refused.
  vigil::set_log_sinks(
      {std::make_shared<vigil::AsyncSink>(std::make_shared<vigil::JsonSink>("/dev/null"),
                                          vigil::AsyncOptions{1, 1000, std::chrono::hours(1)})});
  for (int i = 0; i < 10; ++i) VIGIL_LOG_INFO("SELF", "line {}", i);
  vigil::publish_self_metrics();
  const std::string text = vigil::prometheus_text();
  vigil::set_log_sinks(previous_sinks);
  vigil::set_log_delivery(vigil::LogDelivery::background);
  vigil::set_report_handler(nullptr);
  CHECK(value_of(text, "vigil_exporter_errors_total") >=
        value_of(before, "vigil_exporter_errors_total") + 1);
  CHECK(value_of(text, "vigil_log_records_dropped_total") ==
        value_of(before, "vigil_log_records_dropped_total") + 9);
}
