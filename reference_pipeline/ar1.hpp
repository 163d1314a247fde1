// reference_pipeline/ar1.hpp — per-feature AR(1): x_t - μ = φ (x_{t-1} - μ) + ε, fitted on
// training rows; a row's score is the mean |ε / σ| over the features.
#pragma once

#include "detector.hpp"

namespace acm {

class Ar1Detector : public Detector {
 public:
  std::string name() const override { return "ar1"; }
  std::vector<std::string> heads() const override { return {"ar1_z"}; }
  void fit(const Matrix& train) override;
  Matrix score(const Matrix& rows) const override;

  const Vector& phi() const { return phi_; }

 private:
  Vector mean_, phi_, sigma_;
};

}  // namespace acm
