// reference_pipeline/batch.hpp — many equipment × time windows, each run by a child
// `acm-pipeline` process (at most `max_workers` at once). The children inherit the trace
// of the parent's `batch.run` span through TRACEPARENT, so one trace holds every run.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace acm {

struct BatchOptions {
  std::string self;                    // the acm-pipeline binary to spawn
  std::vector<std::string> equipment;  // synthetic profiles
  std::size_t windows = 1;             // consecutive stretches per equipment (seed + window)
  std::size_t max_workers = 2;
  std::size_t rows = 6500;
  std::uint64_t seed = 42;
  std::string out = "out/batch";  // each job writes to <out>/<equipment>/w<window>/
};

struct BatchJob {
  std::string equipment;
  std::size_t window = 0;
  std::string out;
  int exit_status = -1;  // acm-pipeline's: 0 OK, 1 NOOP, 2 bad input, 3 failure; -1 not run
};

/// Runs every job; returns them with their exit statuses, in job order.
std::vector<BatchJob> run_batch(const BatchOptions& options);

}  // namespace acm
