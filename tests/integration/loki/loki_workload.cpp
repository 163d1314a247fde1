// An instrumented workload whose logs go to Loki (LokiSink) and whose spans go to an OTLP
// file, so that check_loki.py can match every shipped line's trace_id with the span it was
// logged in. Prints the number of records it shipped.
// Usage: vigil_loki_workload LOKI_URL OTLP_FILE
#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "vigil/log/sinks/loki_sink.hpp"
#include "vigil/runtime.hpp"

namespace {

std::atomic<int> shipped{0};  // records Loki should hold (console-only ones excluded)

void fit_detector(const char* component, int k) {
  VIGIL_SPAN("fit.detector", {"acm.detector", component});
  VIGIL_LOG_DEBUG(component, "fitting with k={}", k, {"k", k});
  VIGIL_LOG_INFO(component, "fitted in {} iterations", 10 + k, {"bic", -1000.5 * k});
  shipped += 2;
}

void score_batch(int batch) {
  VIGIL_SPAN("score.batch", {"acm.batch", batch});
  vigil::RequestScope request({{"request_id", "req-" + std::to_string(batch)}});
  VIGIL_LOG_INFO("FUSE", "fused batch {}", batch, {"rows", 1500});
  ++shipped;
  if (batch == 2) {
    VIGIL_LOG_WARN("THRESHOLD", "threshold \"p99\" crossed\ttwice", {"z", 4.25});
    ++shipped;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s LOKI_URL OTLP_FILE\n", argv[0]);
    return 2;
  }
  vigil::add_exporter(std::make_shared<vigil::OtlpFileExporter>(argv[2]));
  vigil::LokiOptions options;
  options.url = argv[1];
  options.batch_interval = std::chrono::milliseconds(200);
  auto loki = std::make_shared<vigil::LokiSink>(options);
  vigil::set_log_sinks({loki, std::make_shared<vigil::ConsoleSink>(stderr)});
  vigil::set_log_level(vigil::Level::debug);
  vigil::set_run_context({{"acm.equipment", "FD_FAN"}, {"acm.equip_id", 7}, {"acm.run_id", "r42"}});

  VIGIL_LOG_HEADER("RUN", "ACM run r42");  // console only: never shipped
  VIGIL_LOG_INFO("CFG", "configuration loaded", {"path", "config.yaml"});
  ++shipped;
  {
    VIGIL_SPAN("pipeline.run");
    vigil::RequestScope session({{"session_id", "s-1"}, {"user_id", "u-9"}});
    std::vector<std::thread> workers;
    for (const char* component : {"GMM", "PCA", "AR1"}) {
      workers.emplace_back(vigil::bind_context([component] { fit_detector(component, 3); }));
    }
    for (auto& worker : workers) worker.join();
    for (int batch = 0; batch < 3; ++batch) score_batch(batch);
    VIGIL_LOG_OK("RUN", "run complete");
    ++shipped;
  }
  vigil::shutdown();
  vigil::flush_logs();
  const vigil::LokiStats stats = loki->stats();
  std::printf("shipped %d sent %llu dropped %llu\n", shipped.load(),
              static_cast<unsigned long long>(stats.lines_sent),
              static_cast<unsigned long long>(stats.lines_dropped));
  return stats.lines_dropped == 0 && stats.lines_sent == static_cast<unsigned>(shipped.load()) ? 0
                                                                                               : 1;
}
