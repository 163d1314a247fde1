// reference_pipeline/calibrate.cpp — robust z-scores with adaptive clipping.
#include "calibrate.hpp"

#include <algorithm>
#include <cmath>

namespace acm {

double quantile(std::vector<double> values, double q) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const double at = q * static_cast<double>(values.size() - 1);
  const auto low = static_cast<std::size_t>(std::floor(at));
  const std::size_t high = std::min(low + 1, values.size() - 1);
  return values[low] + (at - static_cast<double>(low)) * (values[high] - values[low]);
}

Calibration fit_calibration(const Matrix& train_scores, const std::vector<std::string>& heads) {
  Calibration out;
  out.heads = heads;
  const std::size_t n = train_scores.shape(0);
  for (std::size_t h = 0; h < heads.size(); ++h) {
    std::vector<double> column(n);
    for (std::size_t r = 0; r < n; ++r) column[r] = train_scores(r, h);
    const double median = quantile(column, 0.5);
    std::vector<double> deviations(n);
    for (std::size_t r = 0; r < n; ++r) deviations[r] = std::fabs(column[r] - median);
    double scale = 1.4826 * quantile(deviations, 0.5);
    if (!(scale > 1e-12)) scale = std::max(quantile(deviations, 0.9), 1e-9);
    std::vector<double> z(n);
    for (std::size_t r = 0; r < n; ++r) z[r] = std::fabs(column[r] - median) / scale;
    out.median.push_back(median);
    out.scale.push_back(scale);
    out.clip.push_back(std::max(6.0, 1.5 * quantile(z, 0.99)));
  }
  return out;
}

Matrix calibrate(const Calibration& calibration, const Matrix& scores) {
  Matrix z = Matrix::from_shape(scores.shape());
  for (std::size_t r = 0; r < scores.shape(0); ++r) {
    for (std::size_t h = 0; h < calibration.heads.size(); ++h) {
      const double value = (scores(r, h) - calibration.median[h]) / calibration.scale[h];
      z(r, h) = std::clamp(value, -calibration.clip[h], calibration.clip[h]);
    }
  }
  return z;
}

}  // namespace acm
