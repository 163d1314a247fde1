// reference_pipeline/pca.cpp — covariance eigendecomposition with Eigen, through
// Eigen::Map over the xtensor buffers (no copies of the data).
#include "pca.hpp"

#include <algorithm>
#include <cmath>

#include <Eigen/Dense>

namespace acm {

namespace {
using ConstMap = Eigen::Map<const EigenRows>;
using Map = Eigen::Map<EigenRows>;
}  // namespace

void PcaDetector::fit(const Matrix& train) {
  const std::size_t n = train.shape(0), f = train.shape(1);
  standardizer_ = Standardizer::fit(train);
  const EigenRows centered = standardizer_.apply(train);
  const Eigen::MatrixXd covariance = (centered.transpose() * centered) / static_cast<double>(n - 1);
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(covariance);
  const Eigen::VectorXd values = solver.eigenvalues().reverse();  // largest first
  const double total = std::max(values.sum(), 1e-300);
  std::size_t k = 0;
  double explained = 0;
  ratios_.clear();
  eigenvalues_.clear();
  while (k < f && explained < variance_) {
    eigenvalues_.push_back(std::max(values(static_cast<Eigen::Index>(k)), 1e-12));
    ratios_.push_back(values(static_cast<Eigen::Index>(k)) / total);
    explained += ratios_.back();
    ++k;
  }
  loadings_ = Matrix::from_shape({f, k});
  Map loadings(loadings_.data(), static_cast<Eigen::Index>(f), static_cast<Eigen::Index>(k));
  loadings = solver.eigenvectors().rowwise().reverse().leftCols(static_cast<Eigen::Index>(k));
}

Matrix PcaDetector::score(const Matrix& rows) const {
  const auto n = static_cast<Eigen::Index>(rows.shape(0));
  const auto f = static_cast<Eigen::Index>(rows.shape(1));
  const auto k = static_cast<Eigen::Index>(eigenvalues_.size());
  const ConstMap loadings(loadings_.data(), f, k);
  const EigenRows z = standardizer_.apply(rows);
  const EigenRows t = z * loadings;
  // The loadings are orthonormal, so the squared residual off their span is |z|² - |t|².
  const Eigen::VectorXd z2 = z.rowwise().squaredNorm();
  Matrix out = Matrix::from_shape({rows.shape(0), 2});
  for (Eigen::Index r = 0; r < n; ++r) {
    double t2 = 0;
    for (Eigen::Index c = 0; c < k; ++c) {
      t2 += t(r, c) * t(r, c) / eigenvalues_[static_cast<std::size_t>(c)];
    }
    out(static_cast<std::size_t>(r), 0) = std::max(z2(r) - t.row(r).squaredNorm(), 0.0);
    out(static_cast<std::size_t>(r), 1) = t2;
  }
  return out;
}

}  // namespace acm
