// profiles/profile_pipeline.cpp — profile-pipeline: the reference pipeline, run --runs
// times, linked with gperftools so its profile sections (features, regimes, each detector's
// fit and score, persistence) write CPU and heap profiles when ENABLE_PROFILING is on.
// Spans go to OUT/otlp.jsonl, so each profile's trace_id finds its trace. Prints one JSON
// line: the median wall time of a run, and the profiling counters.
//
// usage: profile-pipeline OUT_DIR [--runs N] [--equip NAME]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "pipeline.hpp"
#include "vigil/profile/gperftools.hpp"
#include "vigil/runtime.hpp"

int main(int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') {
    std::fprintf(stderr, "usage: %s OUT_DIR [--runs N] [--equip NAME]\n", argv[0]);
    return 2;
  }
  const std::string out = argv[1];
  int runs = 5;
  acm::PipelineOptions options;
  for (int i = 2; i < argc; i += 2) {
    const std::string flag = argv[i];
    if (i + 1 == argc) {
      std::fprintf(stderr, "profile-pipeline: %s wants a value\n", flag.c_str());
      return 2;
    }
    if (flag == "--runs") {
      runs = std::max(1, std::atoi(argv[i + 1]));
    } else if (flag == "--equip") {
      options.synthetic.equipment = argv[i + 1];
    } else {
      std::fprintf(stderr, "profile-pipeline: unknown option %s\n", flag.c_str());
      return 2;
    }
  }
  vigil::set_global_attribute("service.name", "acm-pipeline");
  vigil::add_exporter(std::make_shared<vigil::OtlpFileExporter>(out + "/otlp.jsonl"));
  vigil::set_log_sinks({std::make_shared<vigil::JsonSink>(out + "/logs.jsonl")});
  options.database = out + "/acm.db";
  std::vector<double> seconds;
  for (int run = 0; run < runs; ++run) {
    const auto start = std::chrono::steady_clock::now();
    const acm::PipelineResult result = acm::run_pipeline(options);
    seconds.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    if (result.outcome != acm::Outcome::ok) {
      std::fprintf(stderr, "profile-pipeline: run %d: %s\n", run, result.message.c_str());
      return 1;
    }
  }
  vigil::shutdown();
  vigil::flush_logs();
  std::sort(seconds.begin(), seconds.end());
  const vigil::ProfileStats stats = vigil::profile_stats();
  std::printf(
      "{\"runs\":%d,\"median_run_s\":%.6f,\"profiling\":%s,\"kept\":%llu,\"dropped_short\":%llu,"
      "\"overlapped\":%llu,\"errors\":%llu}\n",
      runs, seconds[seconds.size() / 2], vigil::profile_config().enabled ? "true" : "false",
      static_cast<unsigned long long>(stats.kept),
      static_cast<unsigned long long>(stats.dropped_short),
      static_cast<unsigned long long>(stats.overlapped),
      static_cast<unsigned long long>(stats.errors));
  return stats.errors == 0 ? 0 : 1;
}
