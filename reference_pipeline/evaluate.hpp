// reference_pipeline/evaluate.hpp — the SKAB benchmark protocol (Skoltech Anomaly
// Benchmark): for every file with labelled anomalies, fit on the first 400 rows, score the
// rest, and count row-wise TP/FP/TN/FN over all files (a row is predicted anomalous when it
// lies in a detected episode). F1 = 2TP/(2TP+FP+FN), FAR = FP/(FP+TN), MAR = FN/(FN+TP).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace acm {

struct Confusion {
  std::uint64_t tp = 0, fp = 0, tn = 0, fn = 0;
  double f1() const;
  double far() const;  // false alarm rate
  double mar() const;  // missed alarm rate
};

struct SkabResult {
  Confusion total;
  std::vector<std::string> files;  // those evaluated, relative to the SKAB directory
};

/// Runs the protocol on every CSV under `skab_dir` (recursively) whose `anomaly` column
/// has a 1. Throws InputError when the directory holds no such file.
SkabResult evaluate_skab(const std::string& skab_dir, std::size_t train_rows = 400);

/// The comparison table: published results on the full SKAB, then ours.
std::string skab_table(const SkabResult& result);

}  // namespace acm
