// reference_pipeline/thresholds.cpp — quantile thresholds and the health index.
#include "thresholds.hpp"

#include <algorithm>
#include <cmath>

#include "calibrate.hpp"

namespace acm {

Thresholds calculate_thresholds(const Vector& train_fused) {
  const std::vector<double> values(train_fused.begin(), train_fused.end());
  Thresholds t;
  t.median = quantile(values, 0.5);
  t.warn = quantile(values, 0.975);
  t.alert = std::max(quantile(values, 0.995), t.median + 1.5 * (t.warn - t.median));
  return t;
}

const char* health_state_name(HealthState state) {
  switch (state) {
    case HealthState::normal:
      return "NORMAL";
    case HealthState::warn:
      return "WARN";
    case HealthState::alert:
      break;
  }
  return "ALERT";
}

std::vector<HealthPoint> health_timeline(const Vector& fused, const Thresholds& t) {
  std::vector<HealthPoint> out(fused.size());
  const double span = std::max(t.alert - t.median, 1e-9);
  for (std::size_t r = 0; r < fused.size(); ++r) {
    const double excess = std::max(0.0, fused(r) - t.median) / span;  // 1 at the alert level
    out[r].health = 100.0 / (1.0 + excess);
    out[r].state = fused(r) >= t.alert  ? HealthState::alert
                   : fused(r) >= t.warn ? HealthState::warn
                                        : HealthState::normal;
  }
  return out;
}

}  // namespace acm
