// reference_pipeline/pca.cpp — covariance eigendecomposition with Eigen, through
// Eigen::Map over the xtensor buffers (no copies of the data).
#include "pca.hpp"

#include <algorithm>
#include <cmath>

#include <Eigen/Dense>

namespace acm {

namespace {
using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ConstMap = Eigen::Map<const RowMajor>;
using Map = Eigen::Map<RowMajor>;
}  // namespace

void PcaDetector::fit(const Matrix& train) {
  const std::size_t n = train.shape(0), f = train.shape(1);
  const ConstMap x(train.data(), static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(f));
  const Eigen::RowVectorXd mean = x.colwise().mean();
  RowMajor centered = x.rowwise() - mean;
  Eigen::RowVectorXd scale =
      (centered.colwise().squaredNorm() / static_cast<double>(n - 1)).cwiseSqrt();
  for (Eigen::Index c = 0; c < scale.size(); ++c) scale(c) = scale(c) > 1e-12 ? scale(c) : 1.0;
  centered = centered.array().rowwise() / scale.array();
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
  mean_ = Vector::from_shape({f});
  scale_ = Vector::from_shape({f});
  Eigen::Map<Eigen::RowVectorXd>(mean_.data(), static_cast<Eigen::Index>(f)) = mean;
  Eigen::Map<Eigen::RowVectorXd>(scale_.data(), static_cast<Eigen::Index>(f)) = scale;
}

Matrix PcaDetector::score(const Matrix& rows) const {
  const auto n = static_cast<Eigen::Index>(rows.shape(0));
  const auto f = static_cast<Eigen::Index>(rows.shape(1));
  const auto k = static_cast<Eigen::Index>(eigenvalues_.size());
  const ConstMap x(rows.data(), n, f);
  const Eigen::Map<const Eigen::RowVectorXd> mean(mean_.data(), f), scale(scale_.data(), f);
  const ConstMap loadings(loadings_.data(), f, k);
  const RowMajor z = (x.rowwise() - mean).array().rowwise() / scale.array();
  const RowMajor t = z * loadings;
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
