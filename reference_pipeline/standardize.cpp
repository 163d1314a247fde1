// reference_pipeline/standardize.cpp — finite-aware column statistics.
#include "standardize.hpp"

#include <algorithm>
#include <cmath>

namespace acm {

Standardizer Standardizer::fit(const Matrix& x) {
  const std::size_t n = x.shape(0), f = x.shape(1);
  Standardizer s;
  s.mean = Vector::from_shape({f});
  s.scale = Vector::from_shape({f});
  for (std::size_t c = 0; c < f; ++c) {
    double sum = 0, count = 0;
    for (std::size_t r = 0; r < n; ++r) {
      if (std::isfinite(x(r, c))) {
        sum += x(r, c);
        ++count;
      }
    }
    const double mean = sum / std::max(count, 1.0);
    double sq = 0;
    for (std::size_t r = 0; r < n; ++r) {
      if (std::isfinite(x(r, c))) sq += (x(r, c) - mean) * (x(r, c) - mean);
    }
    const double sd = std::sqrt(sq / std::max(count - 1, 1.0));
    s.mean(c) = mean;
    s.scale(c) = sd > 1e-12 ? sd : 1.0;
  }
  return s;
}

EigenRows Standardizer::apply(const Matrix& rows) const {
  const std::size_t n = rows.shape(0), f = rows.shape(1);
  EigenRows z(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(f));
  for (std::size_t r = 0; r < n; ++r) {
    for (std::size_t c = 0; c < f; ++c) {
      const double x = rows(r, c);
      z(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) =
          std::isfinite(x) ? (x - mean(c)) / scale(c) : 0.0;
    }
  }
  return z;
}

}  // namespace acm
