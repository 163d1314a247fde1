// OTEL_SDK_DISABLED, the run-time kill switch. The variable is read once per process, so
// CTest runs this binary once per value, each run selecting its tag: [disabled] under "true"
// (or "TRUE"), [invalid] under a value that is no boolean.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "vigil/runtime.hpp"

namespace {

std::vector<std::string> g_reports;

void collect_reports() {
  vigil::set_report_handler([](const std::string& message) { g_reports.push_back(message); });
}

std::string read_all(std::FILE* file) {
  std::string text;
  std::rewind(file);
  for (int c = std::fgetc(file); c != EOF; c = std::fgetc(file))
    text.push_back(static_cast<char>(c));
  return text;
}

// Records one of each signal; returns the console sink's text.
struct Recorded {
  std::size_t spans = 0;
  std::size_t shipped_log_records = 0;
  std::string console;
  std::string prometheus;
  vigil::TraceStats stats;
};

Recorded record_one_of_each() {
  auto exporter = std::make_shared<vigil::MemoryExporter>();
  vigil::add_exporter(exporter);
  auto shipped = std::make_shared<vigil::MemoryLogSink>();
  std::FILE* console_file = std::tmpfile();
  vigil::set_log_sinks(
      {shipped, std::make_shared<vigil::ConsoleSink>(console_file, vigil::Color::never)});
  {
    VIGIL_SPAN("fit.gmm", {"n_samples", 5000});
    VIGIL_LOG_INFO("GMM", "fitted in {} iterations", 12);
    VIGIL_COUNTER_ADD("acm_kill_switch_rows_total", 5000);
    vigil::counter("acm_kill_switch_runs_total", {{"equipment", "FD_FAN"}}).inc();
  }
  vigil::flush();
  vigil::flush_logs();
  Recorded out;
  out.spans = exporter->spans().size();
  out.shipped_log_records = shipped->records().size();
  out.console = read_all(console_file);
  vigil::publish_self_metrics();
  out.prometheus = vigil::prometheus_text();
  out.stats = vigil::stats();
  vigil::set_log_sinks({});
  std::fclose(console_file);
  return out;
}

}  // namespace

TEST_CASE("OTEL_SDK_DISABLED=true: nothing is exported, console lines stay", "[disabled]") {
  REQUIRE(std::getenv("OTEL_SDK_DISABLED") != nullptr);
  collect_reports();
  const Recorded r = record_one_of_each();
  CHECK(r.spans == 0);
  CHECK(r.stats.spans_created == 0);
  CHECK(r.shipped_log_records == 0);
  CHECK(r.console.find("fitted in 12 iterations") != std::string::npos);
  CHECK(r.prometheus.find("acm_kill_switch") == std::string::npos);
  CHECK(r.prometheus.find("vigil_spans_created_total") == std::string::npos);
  CHECK_FALSE(vigil::current_context().valid());
  // Said once, however many signals consulted the switch.
  REQUIRE(g_reports.size() == 1);
  CHECK(g_reports[0].find("OTEL_SDK_DISABLED=true") != std::string::npos);
  // Turning tracing on explicitly does not override the kill switch.
  vigil::set_tracing_enabled(true);
  CHECK(record_one_of_each().spans == 0);
}

TEST_CASE("OTEL_SDK_DISABLED that is no boolean: reported once, everything on", "[invalid]") {
  REQUIRE(std::getenv("OTEL_SDK_DISABLED") != nullptr);
  collect_reports();
  const Recorded r = record_one_of_each();
  CHECK(r.spans == 1);
  CHECK(r.shipped_log_records == 1);
  CHECK(r.console.find("fitted in 12 iterations") != std::string::npos);
  CHECK(r.prometheus.find("acm_kill_switch_rows_total 5000") != std::string::npos);
  CHECK(r.prometheus.find("acm_kill_switch_runs_total{equipment=\"FD_FAN\"} 1") !=
        std::string::npos);
  REQUIRE(g_reports.size() == 1);
  CHECK(g_reports[0].find("neither 'true' nor 'false'") != std::string::npos);
}
