// reference_pipeline/calibrate.hpp — puts every detector head on one scale: a robust
// z-score (median and 1.4826·MAD of its training scores), clipped at an adaptive bound
// (1.5 × the training P99 of |z|, at least 6) so one wild head cannot swamp the fusion.
#pragma once

#include <string>
#include <vector>

#include "table.hpp"

namespace acm {

struct Calibration {
  std::vector<std::string> heads;
  std::vector<double> median, scale, clip;
};

Calibration fit_calibration(const Matrix& train_scores, const std::vector<std::string>& heads);

/// rows × heads of calibrated z-scores.
Matrix calibrate(const Calibration& calibration, const Matrix& scores);

/// The q-quantile (0..1) of `values`, by linear interpolation (numpy's default).
double quantile(std::vector<double> values, double q);

}  // namespace acm
