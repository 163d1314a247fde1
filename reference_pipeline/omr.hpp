// reference_pipeline/omr.hpp — overall model residual: each sensor's level (its rolling
// mean feature) predicted from every other sensor's features by PLS regression (NIPALS,
// up to 5 components, standardised like scikit-learn's PLSRegression(scale=True)), or by
// ordinary least squares when PLS cannot fit (fewer than two predictors, or a degenerate
// target). A row's score is the sum of the squared standardised residuals; each sensor's
// share of it is its contribution, which names the culprits of an episode. The regressions
// are fitted on at most 2000 training rows (every m-th).
#pragma once

#include <string>
#include <vector>

#include "detector.hpp"
#include "standardize.hpp"

namespace acm {

class OmrDetector : public Detector {
 public:
  /// `feature_names` are "<sensor>__<feature>"; sensors are found from them.
  explicit OmrDetector(std::vector<std::string> feature_names, std::size_t components = 5)
      : names_(std::move(feature_names)), components_(components) {}
  std::string name() const override { return "omr"; }
  std::vector<std::string> heads() const override { return {"omr"}; }
  void fit(const Matrix& train) override;
  Matrix score(const Matrix& rows) const override;

  /// Per row and sensor: the squared standardised residual (rows × sensors()).
  Matrix contributions(const Matrix& rows) const;
  const std::vector<std::string>& sensors() const { return sensors_; }
  /// Predictions of sensor `s`'s level for `rows` (for the scikit-learn cross-check).
  Vector predict(std::size_t s, const Matrix& rows) const;
  bool uses_pls(std::size_t s) const { return models_[s].pls; }

 private:
  Vector predict_standardized(std::size_t s, const EigenRows& z) const;
  struct SensorModel {
    std::size_t target = 0;               // feature column of the sensor's level
    std::vector<std::size_t> predictors;  // feature columns of the other sensors
    Vector coefficients;  // on standardised predictors, in standardised target units
    double residual_sd = 1;
    bool pls = true;
  };

  std::vector<std::string> names_;
  std::size_t components_;
  std::vector<std::string> sensors_;
  Standardizer standardizer_;  // every feature column, from the training rows
  std::vector<SensorModel> models_;
};

}  // namespace acm
