// bench/pipeline_ab.cpp — one whole reference-pipeline run, timed, for tools/pipeline_ab.
// Built twice from the same source: vigil_pipeline_on (spans, metrics and logs recorded,
// exporters writing Chrome trace, OTLP JSON lines, JSON logs and the Prometheus textfile)
// and vigil_pipeline_off (the pipeline and this file compiled with VIGIL_ENABLED=OFF).
// A warm-up run comes first so both time a process with warm caches and allocator; the
// timed run ends after every exporter and sink has flushed, and prints one JSON line.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "pipeline.hpp"
#include "vigil/runtime.hpp"

namespace {

double cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

void flush_everything(const std::string& out) {
  vigil::flush();
  vigil::flush_logs();
  vigil::write_prometheus_textfile(out + "/metrics.prom");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUT_DIR (an existing, empty directory)\n", argv[0]);
    return 2;
  }
  const std::string out = argv[1];
#if VIGIL_ENABLED
  vigil::add_exporter(std::make_shared<vigil::ChromeTraceExporter>(out + "/trace.json"));
  vigil::add_exporter(std::make_shared<vigil::OtlpFileExporter>(out + "/otlp.jsonl"));
  vigil::set_log_sinks({std::make_shared<vigil::JsonSink>(out + "/logs.jsonl")});
#endif
  acm::PipelineOptions options;
  options.database = out + "/acm.db";
  acm::run_pipeline(options);
  flush_everything(out);

  const double cpu_start = cpu_seconds();
  const auto start = std::chrono::steady_clock::now();
  const acm::PipelineResult result = acm::run_pipeline(options);
  flush_everything(out);
  const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;
  const double cpu = cpu_seconds() - cpu_start;
  vigil::shutdown();
  std::printf("{\"variant\":\"%s\",\"wall_s\":%.6f,\"cpu_s\":%.6f,\"outcome\":\"%s\"}\n",
              VIGIL_ENABLED ? "on" : "off", wall.count(), cpu, acm::outcome_name(result.outcome));
  return result.outcome == acm::Outcome::ok ? 0 : 1;
}
