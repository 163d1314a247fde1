// reference_pipeline/thresholds.hpp — adaptive alert and warning levels for the fused
// score, from the training distribution (warn: P97.5, alert: P99.5, alert at least 1.5 ×
// warn above the median), and the health timeline they give: a 0..100 health index per
// scored row with its state.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "table.hpp"

namespace acm {

struct Thresholds {
  double median = 0;
  double warn = 0;
  double alert = 0;
};

Thresholds calculate_thresholds(const Vector& train_fused);

enum class HealthState : std::uint8_t { normal, warn, alert };

const char* health_state_name(HealthState state);

struct HealthPoint {
  double health = 100;  // 100 at the training median, 50 at the alert level, toward 0 beyond
  HealthState state = HealthState::normal;
};

std::vector<HealthPoint> health_timeline(const Vector& fused, const Thresholds& thresholds);

}  // namespace acm
