// reference_pipeline/standardize.hpp — the column statistics every model standardises
// with: mean and sample standard deviation (n-1, as scikit-learn's PLS and our PCA
// cross-checks expect) of each column's finite values. A constant column gets scale 1, so
// it standardises to 0 rather than NaN; a missing value standardises to 0 (the mean).
#pragma once

#include <Eigen/Dense>

#include "table.hpp"

namespace acm {

using EigenRows = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct Standardizer {
  Vector mean, scale;

  static Standardizer fit(const Matrix& x);
  /// (x - mean) / scale for every row.
  EigenRows apply(const Matrix& rows) const;
};

}  // namespace acm
