// reference_pipeline/watch.hpp — `acm-pipeline watch`: the pipeline run again and again, as
// a service under observation: a Prometheus endpoint, logs pushed to Loki, OTLP spans to a
// file (and to a collector when OTEL_EXPORTER_OTLP_ENDPOINT is set).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace acm {

struct WatchOptions {
  std::vector<std::string> equipment{"FD_FAN"};  // synthetic profiles, run in turn
  std::size_t runs = 5;                          // rounds over the equipment
  double interval_s = 2;                         // pause between rounds
  double linger_s = 0;                           // keep serving /metrics after the last round
  int metrics_port = 9464;                       // 0: any free port (printed)
  std::string loki_url;                          // empty: no Loki push
  std::size_t rows = 6500;
  std::uint64_t seed = 42;  // round r runs seed + r
  std::string out = "out/watch";
};

/// 0 when every run was OK, 1 when one was NOOP, 3 when one failed, 2 when the endpoint
/// could not listen.
int run_watch(const WatchOptions& options);

}  // namespace acm
