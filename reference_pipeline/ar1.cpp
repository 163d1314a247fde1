// reference_pipeline/ar1.cpp — least-squares φ per feature, residual σ, mean |z|.
#include "ar1.hpp"

#include <algorithm>
#include <cmath>

namespace acm {

void Ar1Detector::fit(const Matrix& train) {
  const std::size_t n = train.shape(0), f = train.shape(1);
  mean_ = Vector::from_shape({f});
  phi_ = Vector::from_shape({f});
  sigma_ = Vector::from_shape({f});
  for (std::size_t c = 0; c < f; ++c) {
    double mean = 0;
    for (std::size_t r = 0; r < n; ++r) mean += train(r, c);
    mean /= static_cast<double>(n);
    double num = 0, den = 0;
    for (std::size_t r = 1; r < n; ++r) {
      num += (train(r, c) - mean) * (train(r - 1, c) - mean);
      den += (train(r - 1, c) - mean) * (train(r - 1, c) - mean);
    }
    const double phi = den > 0 ? std::clamp(num / den, -0.99, 0.99) : 0.0;
    double ss = 0;
    for (std::size_t r = 1; r < n; ++r) {
      const double e = (train(r, c) - mean) - phi * (train(r - 1, c) - mean);
      ss += e * e;
    }
    mean_(c) = mean;
    phi_(c) = phi;
    sigma_(c) =
        std::max(std::sqrt(ss / static_cast<double>(std::max<std::size_t>(n - 2, 1))), 1e-9);
  }
}

Matrix Ar1Detector::score(const Matrix& rows) const {
  const std::size_t n = rows.shape(0), f = rows.shape(1);
  Matrix out = Matrix::from_shape({n, 1});
  for (std::size_t r = 0; r < n; ++r) {
    double total = 0;
    for (std::size_t c = 0; c < f; ++c) {
      const double previous = r > 0 ? rows(r - 1, c) - mean_(c) : 0.0;
      total += std::fabs((rows(r, c) - mean_(c)) - phi_(c) * previous) / sigma_(c);
    }
    out(r, 0) = total / static_cast<double>(f);
  }
  return out;
}

}  // namespace acm
