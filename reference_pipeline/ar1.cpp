// reference_pipeline/ar1.cpp — least-squares φ per feature, residual σ, mean |z|.
#include "ar1.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include <xtensor/xbuilder.hpp>

namespace acm {

// Each pass walks the rows in storage order with one accumulator per column: a column at a
// time over a row-major matrix misses the cache on every value once it outgrows it.
void Ar1Detector::fit(const Matrix& train) {
  const std::size_t n = train.shape(0), f = train.shape(1);
  mean_ = xt::zeros<double>({f});
  phi_ = Vector::from_shape({f});
  sigma_ = Vector::from_shape({f});
  for (std::size_t r = 0; r < n; ++r) {
    for (std::size_t c = 0; c < f; ++c) mean_(c) += train(r, c);
  }
  mean_ /= static_cast<double>(n);
  std::vector<double> num(f, 0.0), den(f, 0.0), ss(f, 0.0);
  for (std::size_t r = 1; r < n; ++r) {
    for (std::size_t c = 0; c < f; ++c) {
      const double previous = train(r - 1, c) - mean_(c);
      num[c] += (train(r, c) - mean_(c)) * previous;
      den[c] += previous * previous;
    }
  }
  for (std::size_t c = 0; c < f; ++c)
    phi_(c) = den[c] > 0 ? std::clamp(num[c] / den[c], -0.99, 0.99) : 0.0;
  for (std::size_t r = 1; r < n; ++r) {
    for (std::size_t c = 0; c < f; ++c) {
      const double e = (train(r, c) - mean_(c)) - phi_(c) * (train(r - 1, c) - mean_(c));
      ss[c] += e * e;
    }
  }
  for (std::size_t c = 0; c < f; ++c) {
    sigma_(c) =
        std::max(std::sqrt(ss[c] / static_cast<double>(std::max<std::size_t>(n - 2, 1))), 1e-9);
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
