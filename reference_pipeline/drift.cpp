// reference_pipeline/drift.cpp — two-sided CUSUM against the training level.
#include "drift.hpp"

#include <algorithm>
#include <cmath>

namespace acm {

DriftResult detect_drift(const Vector& train_fused, const Vector& score_fused) {
  constexpr double kSlack = 0.5, kLimit = 8.0;
  double mean = 0, sq = 0;
  for (const double x : train_fused) mean += x;
  mean /= static_cast<double>(std::max<std::size_t>(train_fused.size(), 1));
  for (const double x : train_fused) sq += (x - mean) * (x - mean);
  const double sd = std::max(
      std::sqrt(sq / static_cast<double>(std::max<std::size_t>(train_fused.size(), 2) - 1)), 1e-9);
  DriftResult out;
  double up = 0, down = 0;
  for (std::size_t r = 0; r < score_fused.size(); ++r) {
    const double z = (score_fused(r) - mean) / sd;
    up = std::max(0.0, up + z - kSlack);
    down = std::max(0.0, down - z - kSlack);
    if (!out.first_alarm && (up > kLimit || down > kLimit)) out.first_alarm = r;
  }
  out.drifted = out.first_alarm.has_value();
  const std::size_t tail = std::max<std::size_t>(score_fused.size() / 4, 1);
  double recent = 0;
  for (std::size_t r = score_fused.size() - std::min(tail, score_fused.size());
       r < score_fused.size(); ++r) {
    recent += score_fused(r);
  }
  out.shift = (recent / static_cast<double>(tail) - mean) / sd;
  return out;
}

}  // namespace acm
