// The demo behind tools/run.sh: a small instrumented batch job on a thread pool, printed as a
// span tree, written as a Chrome trace (open it in ui.perfetto.dev or speedscope) and as
// OTLP/JSON lines (what an OpenTelemetry collector would receive).
// It also counts rows and times each detector in metrics, written in the Prometheus text
// format and as OTLP/JSON. Usage:
//   vigil_demo [CHROME_TRACE.json [OTLP.jsonl [METRICS.prom [METRICS_OTLP.jsonl]]]]
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <numeric>
#include <string>
#include <thread>
#include <vector>

#include "vigil/app/stage_histogram.hpp"
#include "vigil/runtime.hpp"

namespace {

std::vector<double> load_sensor(int rows) {
  VIGIL_SPAN("load.data", {"rows", rows});
  VIGIL_COUNTER_ADD("acm_rows_loaded_total", rows, {"equipment", "FD_FAN"});
  std::vector<double> values(static_cast<std::size_t>(rows));
  for (int i = 0; i < rows; ++i)
    values[static_cast<std::size_t>(i)] = std::sin(i * 0.01) + 0.1 * (i % 7);
  return values;
}

double rolling_mean(const std::vector<double>& values, std::size_t window) {
  VIGIL_SPAN("features.compute", {"window", static_cast<std::int64_t>(window)});
  double acc = 0;
  for (std::size_t i = window; i <= values.size(); ++i) {
    acc += std::accumulate(values.begin() + static_cast<long>(i - window),
                           values.begin() + static_cast<long>(i), 0.0) /
           static_cast<double>(window);
  }
  return acc;
}

double fit_detector(const char* name, const std::vector<double>& values) {
  const auto start = std::chrono::steady_clock::now();
  vigil::Span span(std::string("fit.") + name,
                   {{"n_samples", static_cast<std::int64_t>(values.size())}, {"n_features", 1}});
  double energy = 0;
  for (double v : values) energy += v * v;
  span.set_attribute("energy", energy);
  vigil::histogram("acm_detector_duration_seconds", {{"detector", name}, {"equipment", "FD_FAN"}},
                   vigil::default_seconds_buckets(), "Time to fit one detector.")
      .record(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return energy;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string trace_path = argc > 1 ? argv[1] : "vigil_demo_trace.json";
  const std::string otlp_path = argc > 2 ? argv[2] : "vigil_demo_otlp.jsonl";
  const std::string metrics_path = argc > 3 ? argv[3] : "vigil_demo_metrics.prom";
  const std::string metrics_otlp_path = argc > 4 ? argv[4] : "vigil_demo_metrics_otlp.jsonl";
  vigil::add_exporter(std::make_shared<vigil::ConsoleTreeExporter>(std::cout));
  vigil::add_exporter(std::make_shared<vigil::ChromeTraceExporter>(trace_path));
  vigil::add_exporter(std::make_shared<vigil::OtlpFileExporter>(otlp_path));
  vigil::enable_stage_histogram();
  vigil::set_run_context({{"acm.equipment", "FD_FAN"}, {"acm.run_id", "demo-1"}});
  {
    VIGIL_SPAN("pipeline.run", {"acm.category", "demo"});
    const auto values = load_sensor(20000);
    const vigil::SpanContext run = vigil::current_context();
    VIGIL_SPAN_SET_ATTRIBUTE("feature_sum", rolling_mean(values, 3));
    std::vector<std::thread> workers;
    for (const char* detector : {"ar1", "pca", "gmm"}) {
      workers.emplace_back(vigil::bind_context([detector, &values] {
        vigil::set_thread_name(std::string("detector-") + detector);
        fit_detector(detector, values);
      }));
    }
    for (auto& worker : workers) worker.join();
    vigil::Span persist("persist.scores");
    persist.add_link(run, {{"reason", "the run whose scores are written"}});
    persist.add_event("rows_written", {{"rows", 20000}});
  }
  vigil::shutdown();
  if (std::FILE* metrics = std::fopen(metrics_path.c_str(), "w")) {
    const std::string text = vigil::prometheus_text();
    std::fwrite(text.data(), 1, text.size(), metrics);
    std::fclose(metrics);
  }
  vigil::OtlpMetricsFile(metrics_otlp_path).write();
  const auto stats = vigil::stats();
  std::printf(
      "spans: %llu created, %llu exported, %llu dropped\nChrome trace: %s\nOTLP/JSON: %s\n"
      "metrics: %s and %s\n",
      static_cast<unsigned long long>(stats.spans_created),
      static_cast<unsigned long long>(stats.spans_exported),
      static_cast<unsigned long long>(stats.spans_dropped), trace_path.c_str(), otlp_path.c_str(),
      metrics_path.c_str(), metrics_otlp_path.c_str());
  return 0;
}
