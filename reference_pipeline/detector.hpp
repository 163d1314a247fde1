// reference_pipeline/detector.hpp — what every detector offers: fit on the training
// features, then score any rows. A detector may have several heads (PCA has SPE and T²);
// score() returns one column per head, larger meaning more anomalous.
#pragma once

#include <string>
#include <vector>

#include "table.hpp"

namespace acm {

class Detector {
 public:
  virtual ~Detector() = default;
  virtual std::string name() const = 0;                // "ar1", "pca", ... (span fit.<name>)
  virtual std::vector<std::string> heads() const = 0;  // score columns, e.g. "pca_spe"
  virtual void fit(const Matrix& train) = 0;
  virtual Matrix score(const Matrix& rows) const = 0;  // rows × heads().size()
};

}  // namespace acm
