// reference_pipeline/gmm.hpp — Gaussian mixture with diagonal covariances on standardised
// features: EM from k-means++ seeds for each k in 2..5, the k with the lowest BIC kept
// (covariance regularisation 1e-3, as scikit-learn's reg_covar). A row's score is its
// negative log-likelihood. EM sees at most `max_fit_rows` training rows (every m-th): the
// mixture of 5000 rolling-feature rows is no better defined than that of 2000.
#pragma once

#include <cstdint>
#include <vector>

#include "detector.hpp"
#include "standardize.hpp"

namespace acm {

class GmmDetector : public Detector {
 public:
  explicit GmmDetector(std::size_t k_min = 2, std::size_t k_max = 5, std::uint64_t seed = 11,
                       std::size_t max_fit_rows = 2000)
      : k_min_(k_min), k_max_(k_max), seed_(seed), max_fit_rows_(max_fit_rows) {}
  std::string name() const override { return "gmm"; }
  std::vector<std::string> heads() const override { return {"gmm_nll"}; }
  void fit(const Matrix& train) override;
  Matrix score(const Matrix& rows) const override;

  std::size_t components() const { return weights_.size(); }
  /// Mean log-likelihood per row of the training data under the chosen model.
  double train_mean_log_likelihood() const { return train_mean_ll_; }
  /// BIC of every k tried, in order k_min..k_max.
  const std::vector<double>& bic() const { return bic_; }

 private:
  struct Model {
    std::vector<double> weights;
    Matrix means, variances;    // k × features
    double log_likelihood = 0;  // total over the training rows
  };

  Model fit_k(const EigenRows& z, const EigenRows& z2, std::size_t k) const;
  static EigenRows log_densities(const Model& model, const EigenRows& z, const EigenRows& z2);

  std::size_t k_min_, k_max_;
  std::uint64_t seed_;
  std::size_t max_fit_rows_;
  Standardizer standardizer_;
  std::vector<double> weights_;
  Matrix means_, variances_;
  std::vector<double> bic_;
  double train_mean_ll_ = 0;
};

}  // namespace acm
