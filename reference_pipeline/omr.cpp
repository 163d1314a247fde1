// reference_pipeline/omr.cpp — PLS1 by NIPALS with an OLS fallback, through Eigen maps.
#include "omr.hpp"

#include <algorithm>
#include <cmath>

namespace acm {

namespace {

std::string sensor_of(const std::string& feature) {
  return feature.substr(0, feature.rfind("__"));
}

// Columns `columns` of `z`.
EigenRows gather(const EigenRows& z, const std::vector<std::size_t>& columns) {
  EigenRows out(z.rows(), static_cast<Eigen::Index>(columns.size()));
  for (std::size_t c = 0; c < columns.size(); ++c)
    out.col(static_cast<Eigen::Index>(c)) = z.col(static_cast<Eigen::Index>(columns[c]));
  return out;
}

// PLS1 regression coefficients (NIPALS; for one target each component is one pass).
Eigen::VectorXd pls1(EigenRows x, Eigen::VectorXd y, std::size_t components) {
  const Eigen::Index p = x.cols();
  Eigen::MatrixXd w(p, 0), loadings(p, 0);
  Eigen::VectorXd q(0);
  for (std::size_t a = 0; a < components; ++a) {
    Eigen::VectorXd weight = x.transpose() * y;
    const double norm = weight.norm();
    if (!(norm > 1e-12)) break;
    weight /= norm;
    const Eigen::VectorXd t = x * weight;
    const double tt = t.squaredNorm();
    if (!(tt > 1e-12)) break;
    const Eigen::VectorXd loading = x.transpose() * t / tt;
    const double c = y.dot(t) / tt;
    x -= t * loading.transpose();
    y -= c * t;
    w.conservativeResize(p, w.cols() + 1);
    w.col(w.cols() - 1) = weight;
    loadings.conservativeResize(p, loadings.cols() + 1);
    loadings.col(loadings.cols() - 1) = loading;
    q.conservativeResize(q.size() + 1);
    q(q.size() - 1) = c;
  }
  if (w.cols() == 0) return Eigen::VectorXd::Zero(p);
  // B = W (PᵀW)⁻¹ q
  return w * (loadings.transpose() * w).lu().solve(q);
}

}  // namespace

void OmrDetector::fit(const Matrix& all_train) {
  // Every m-th row, at most 2000: the regressions are no better defined by 5000 rows of
  // overlapping rolling windows.
  const std::size_t stride = (all_train.shape(0) + 1999) / 2000;
  const Matrix train = xt::view(all_train, xt::range(0, all_train.shape(0), stride), xt::all());
  sensors_.clear();
  models_.clear();
  for (std::size_t c = 0; c < names_.size(); ++c) {
    const std::string sensor = sensor_of(names_[c]);
    if (names_[c] != sensor + "__mean") continue;
    SensorModel m;
    m.target = c;
    for (std::size_t other = 0; other < names_.size(); ++other) {
      if (sensor_of(names_[other]) != sensor) m.predictors.push_back(other);
    }
    sensors_.push_back(sensor);
    models_.push_back(std::move(m));
  }
  const std::size_t n = train.shape(0);
  standardizer_ = Standardizer::fit(train);
  const EigenRows z = standardizer_.apply(train);
  for (SensorModel& m : models_) {
    const std::size_t p = m.predictors.size();
    const EigenRows x = gather(z, m.predictors);
    const Eigen::VectorXd y = z.col(static_cast<Eigen::Index>(m.target));
    Eigen::VectorXd beta;
    m.pls = p >= 2 && y.squaredNorm() > 1e-12;
    if (m.pls) beta = pls1(x, y, std::min(components_, p));
    if (!m.pls || !beta.allFinite()) {
      m.pls = false;
      beta = x.colPivHouseholderQr().solve(y);
      if (!beta.allFinite()) beta = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(p));
    }
    m.coefficients = Vector::from_shape({p});
    Eigen::Map<Eigen::VectorXd>(m.coefficients.data(), static_cast<Eigen::Index>(p)) = beta;
    const Eigen::VectorXd residual = y - x * beta;
    m.residual_sd = std::max(std::sqrt(residual.squaredNorm() / static_cast<double>(n - 1)), 1e-9);
  }
}

Vector OmrDetector::predict(std::size_t s, const Matrix& rows) const {
  return predict_standardized(s, standardizer_.apply(rows));
}

// Row by row over the predictor columns: no gathered copy of the rows per sensor, which at
// 10^6 rows cost more in page faults than the arithmetic.
Vector OmrDetector::predict_standardized(std::size_t s, const EigenRows& z) const {
  const SensorModel& m = models_[s];
  const double mean = standardizer_.mean(m.target), scale = standardizer_.scale(m.target);
  Vector out = Vector::from_shape({static_cast<std::size_t>(z.rows())});
  for (Eigen::Index r = 0; r < z.rows(); ++r) {
    double y = 0;
    for (std::size_t p = 0; p < m.predictors.size(); ++p)
      y += z(r, static_cast<Eigen::Index>(m.predictors[p])) * m.coefficients(p);
    out(r) = mean + scale * y;
  }
  return out;
}

Matrix OmrDetector::contributions(const Matrix& rows) const {
  Matrix out = Matrix::from_shape({rows.shape(0), models_.size()});
  const EigenRows z = standardizer_.apply(rows);
  for (std::size_t s = 0; s < models_.size(); ++s) {
    const Vector predicted = predict_standardized(s, z);
    const SensorModel& m = models_[s];
    for (std::size_t r = 0; r < rows.shape(0); ++r) {
      const double z =
          (rows(r, m.target) - predicted(r)) / (standardizer_.scale(m.target) * m.residual_sd);
      out(r, s) = z * z;
    }
  }
  return out;
}

Matrix OmrDetector::score(const Matrix& rows) const {
  const Matrix parts = contributions(rows);
  Matrix out = Matrix::from_shape({rows.shape(0), 1});
  for (std::size_t r = 0; r < rows.shape(0); ++r) {
    double total = 0;
    for (std::size_t s = 0; s < parts.shape(1); ++s) total += parts(r, s);
    out(r, 0) = total;
  }
  return out;
}

}  // namespace acm
