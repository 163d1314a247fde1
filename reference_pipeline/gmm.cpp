// reference_pipeline/gmm.cpp — EM for diagonal Gaussian mixtures, model choice by BIC.
#include "gmm.hpp"

#include "kmeanspp.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include <Eigen/Dense>

namespace acm {

namespace {

constexpr double kRegCovar = 1e-3;
constexpr int kMaxIterations = 100;
constexpr double kTolerance = 1e-3;  // on the mean log-likelihood, as scikit-learn

using ConstMap = Eigen::Map<const EigenRows>;

}  // namespace

// log(w_j N(z | μ_j, diag v_j)) for every row and component, as two matrix products:
// -½ Σ z²/v + Σ z μ/v + (log w - ½ Σ μ²/v - ½ Σ log v - ½ f log 2π).
EigenRows GmmDetector::log_densities(const Model& model, const EigenRows& z, const EigenRows& z2) {
  const auto f = z.cols();
  const ConstMap means(model.means.data(), static_cast<Eigen::Index>(model.weights.size()), f);
  const ConstMap variances(model.variances.data(), means.rows(), f);
  const EigenRows precision = variances.cwiseInverse();
  Eigen::RowVectorXd constant(means.rows());
  for (Eigen::Index j = 0; j < means.rows(); ++j) {
    constant(j) =
        std::log(model.weights[static_cast<std::size_t>(j)]) -
        0.5 * (means.row(j).cwiseAbs2().cwiseProduct(precision.row(j)).sum() +
               variances.row(j).array().log().sum() + static_cast<double>(f) * std::log(2 * M_PI));
  }
  EigenRows log_p =
      -0.5 * z2 * precision.transpose() + z * means.cwiseProduct(precision).transpose();
  log_p.rowwise() += constant;
  return log_p;
}

namespace {

// Per row: log Σ_j exp(log_p(r, j)).
Eigen::VectorXd log_sum_exp(const EigenRows& log_p) {
  const Eigen::VectorXd top = log_p.rowwise().maxCoeff();
  return top + ((log_p.colwise() - top).array().exp().rowwise().sum().log()).matrix();
}

}  // namespace

GmmDetector::Model GmmDetector::fit_k(const EigenRows& z, const EigenRows& z2,
                                      std::size_t k) const {
  const auto n = z.rows(), f = z.cols();
  std::mt19937_64 random(seed_ + k);
  Model model;
  model.means = kmeans_plus_plus(Eigen::Map<const EigenRows>(z.data(), n, f), k, random);
  Eigen::Map<EigenRows> means(model.means.data(), static_cast<Eigen::Index>(k), f);
  model.weights.assign(k, 1.0 / static_cast<double>(k));
  model.variances = Matrix::from_shape({k, static_cast<std::size_t>(f)});
  model.variances.fill(1.0);
  Eigen::Map<EigenRows> variances(model.variances.data(), static_cast<Eigen::Index>(k), f);
  double previous = -std::numeric_limits<double>::infinity();
  for (int iteration = 0; iteration < kMaxIterations; ++iteration) {
    const EigenRows log_p = log_densities(model, z, z2);  // E step
    const Eigen::VectorXd norm = log_sum_exp(log_p);
    model.log_likelihood = norm.sum();
    const double mean_ll = model.log_likelihood / static_cast<double>(n);
    if (mean_ll - previous < kTolerance) break;
    previous = mean_ll;
    const EigenRows responsibility = (log_p.colwise() - norm).array().exp();
    const Eigen::RowVectorXd mass = responsibility.colwise().sum().array() + 1e-12;  // M step
    means = (responsibility.transpose() * z).array().colwise() / mass.transpose().array();
    const EigenRows second =
        (responsibility.transpose() * z2).array().colwise() / mass.transpose().array();
    variances = (second - means.cwiseAbs2()).array() + kRegCovar;
    for (std::size_t j = 0; j < k; ++j)
      model.weights[j] = mass(static_cast<Eigen::Index>(j)) / static_cast<double>(n);
  }
  return model;
}

void GmmDetector::fit(const Matrix& train) {
  const std::size_t n = train.shape(0), f = train.shape(1);
  standardizer_ = Standardizer::fit(train);
  const EigenRows z = standardizer_.apply(train);
  const std::size_t stride = (n + max_fit_rows_ - 1) / std::max<std::size_t>(max_fit_rows_, 1);
  const auto used = static_cast<Eigen::Index>((n + stride - 1) / stride);
  const EigenRows zs =
      stride == 1 ? z
                  : EigenRows(Eigen::Map<const EigenRows, 0, Eigen::OuterStride<>>(
                        z.data(), used, z.cols(),
                        Eigen::OuterStride<>(z.cols() * static_cast<Eigen::Index>(stride))));
  const EigenRows zs2 = zs.cwiseAbs2();
  bic_.clear();
  double best_bic = std::numeric_limits<double>::infinity();
  for (std::size_t k = k_min_; k <= k_max_ && k <= n; ++k) {
    Model model = fit_k(zs, zs2, k);
    const double parameters = static_cast<double>(k * f * 2 + k - 1);
    const double bic = -2 * model.log_likelihood + parameters * std::log(static_cast<double>(used));
    bic_.push_back(bic);
    if (bic < best_bic) {
      best_bic = bic;
      weights_ = model.weights;
      means_ = model.means;
      variances_ = model.variances;
      train_mean_ll_ = model.log_likelihood / static_cast<double>(used);
    }
  }
}

Matrix GmmDetector::score(const Matrix& rows) const {
  const auto n = static_cast<Eigen::Index>(rows.shape(0));
  const EigenRows z = standardizer_.apply(rows);
  const Model model{weights_, means_, variances_, 0};
  const Eigen::VectorXd ll = log_sum_exp(log_densities(model, z, z.cwiseAbs2()));
  Matrix out = Matrix::from_shape({rows.shape(0), 1});
  for (Eigen::Index r = 0; r < n; ++r) out(static_cast<std::size_t>(r), 0) = -ll(r);
  return out;
}

}  // namespace acm
