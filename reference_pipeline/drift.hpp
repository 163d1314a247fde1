// reference_pipeline/drift.hpp — slow drift of the fused score away from its training
// level: a two-sided CUSUM on the standardised score (k = 0.5, h = 8 training standard
// deviations), reporting where the first alarm came and how far the level has moved.
#pragma once

#include <optional>

#include "table.hpp"

namespace acm {

struct DriftResult {
  bool drifted = false;
  std::optional<std::size_t> first_alarm;  // row of the scored part
  double shift = 0;                        // last-quarter mean minus training mean, in sds
};

DriftResult detect_drift(const Vector& train_fused, const Vector& score_fused);

}  // namespace acm
