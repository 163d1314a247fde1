#include "watch.hpp"

// Before httplib.h: its <resolv.h> defines _res, a parameter name inside Eigen.
#include "pipeline.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <thread>

#include <vigil/app/stage_histogram.hpp>
#include <vigil/export/metrics/metrics_http.hpp>
#include <vigil/export/spans/otlp_http.hpp>
#include <vigil/log/sinks/loki_sink.hpp>
#include <vigil/runtime.hpp>
#include <vigil/signals.hpp>

namespace acm {
namespace {

void pause_for(double seconds) {
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
}

void attach_outputs(const WatchOptions& options) {
  vigil::add_exporter(std::make_shared<vigil::OtlpFileExporter>(options.out + "/otlp.jsonl"));
  vigil::enable_stage_histogram();
  const char* collector = std::getenv("OTEL_EXPORTER_OTLP_ENDPOINT");
  if (collector != nullptr && *collector != '\0')
    vigil::add_exporter(std::make_shared<vigil::OtlpHttpExporter>());
  vigil::LogSinks sinks{std::make_shared<vigil::ConsoleSink>(stderr),
                        std::make_shared<vigil::JsonSink>(options.out + "/logs.jsonl")};
  if (!options.loki_url.empty()) {
    vigil::LokiOptions loki;
    loki.url = options.loki_url;
    loki.app = "acm";
    loki.batch_interval = std::chrono::milliseconds(250);
    sinks.push_back(std::make_shared<vigil::LokiSink>(loki));
  }
  vigil::set_log_sinks(sinks);
}

}  // namespace

int run_watch(const WatchOptions& options) {
  std::filesystem::create_directories(options.out);
  vigil::MetricsServer server({"127.0.0.1", options.metrics_port, 8192, true});
  if (!server.start()) {
    std::fprintf(stderr, "acm-pipeline watch: cannot listen on 127.0.0.1:%d\n",
                 options.metrics_port);
    return 2;
  }
  std::printf("serving http://127.0.0.1:%d/metrics\n", server.port());
  std::fflush(stdout);
  vigil::set_global_attribute("service.namespace", "acm");
  vigil::flush_on_signals();
  attach_outputs(options);
  int worst = 0;
  for (std::size_t round = 0; round < options.runs; ++round) {
    if (round > 0) pause_for(options.interval_s);
    for (const std::string& equipment : options.equipment) {
      PipelineOptions run;
      run.synthetic.equipment = equipment;
      run.synthetic.rows = options.rows;
      run.synthetic.seed = options.seed + round;
      run.database = options.out + "/acm.db";
      const PipelineResult result = run_pipeline(run);
      std::printf("%s run %s: %s %s\n", equipment.c_str(), result.run_id.c_str(),
                  outcome_name(result.outcome), result.message.c_str());
      std::fflush(stdout);
      if (result.outcome == Outcome::fail) worst = 3;
      if (result.outcome == Outcome::noop && worst == 0) worst = 1;
    }
  }
  vigil::flush();
  vigil::flush_logs();
  pause_for(options.linger_s);
  vigil::shutdown();
  vigil::flush_logs();
  server.stop();
  return worst;
}

}  // namespace acm
