// A small instrumented service for the Prometheus integration test: serves /metrics on
// 127.0.0.1 (a free port, written to PORT_FILE) while it runs fit/score stages for SECONDS.
// Usage: vigil_metrics_service PORT_FILE SECONDS
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>

#include "vigil/app/acm.hpp"
#include "vigil/app/stage_histogram.hpp"
#include "vigil/export/metrics/metrics_http.hpp"
#include "vigil/runtime.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s PORT_FILE SECONDS\n", argv[0]);
    return 2;
  }
  vigil::MetricsServer server({"127.0.0.1", 0, 8192, true});
  if (!server.start()) return 1;
  vigil::enable_stage_histogram();  // spans feed acm_stage_duration_seconds
  vigil::set_run_context({{"acm.equipment", "FD_FAN"}});
  {
    const std::string temporary = std::string(argv[1]) + ".tmp";
    std::FILE* file = std::fopen(temporary.c_str(), "w");
    if (file == nullptr) return 1;
    std::fprintf(file, "%d\n", server.port());
    std::fclose(file);
    std::rename(temporary.c_str(), argv[1]);
  }
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(std::atoi(argv[2]));
  while (std::chrono::steady_clock::now() < until) {
    VIGIL_SPAN("pipeline.run");
    {
      VIGIL_SPAN("fit.gmm");
      std::this_thread::sleep_for(std::chrono::milliseconds(3));
    }
    {
      VIGIL_SPAN("score.gmm");
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    vigil::record_health_score("FD_FAN", 90.0);
  }
  vigil::shutdown();
  server.stop();
  return 0;
}
