// reference_pipeline/pca.hpp — PCA on standardised features (train mean/std): the
// components explaining `variance` of the training variance; SPE (squared residual off the
// component space) and Hotelling's T² (squared scores over their variances).
#pragma once

#include "detector.hpp"
#include "standardize.hpp"

namespace acm {

class PcaDetector : public Detector {
 public:
  explicit PcaDetector(double variance = 0.99) : variance_(variance) {}
  std::string name() const override { return "pca"; }
  std::vector<std::string> heads() const override { return {"pca_spe", "pca_t2"}; }
  void fit(const Matrix& train) override;
  Matrix score(const Matrix& rows) const override;

  std::size_t components() const { return eigenvalues_.size(); }
  /// Explained variance ratio of each kept component, largest first.
  std::vector<double> explained_variance_ratio() const { return ratios_; }

 private:
  double variance_;
  Standardizer standardizer_;
  Matrix loadings_;  // features × components
  std::vector<double> eigenvalues_, ratios_;
};

}  // namespace acm
