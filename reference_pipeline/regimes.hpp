// reference_pipeline/regimes.hpp — operating regimes: mini-batch k-means (k-means++ seeds,
// batches of 256) on the standardised sensors of the training rows, k chosen in 2..10 by
// the silhouette (computed on at most 600 sampled rows), with a quality flag when even
// the best silhouette is weak. Missing readings count as the training mean.
#pragma once

#include <cstdint>
#include <vector>

#include "standardize.hpp"
#include "table.hpp"

namespace acm {

struct RegimeModel {
  std::size_t k = 0;
  Matrix centres;  // k × sensors, standardised units
  Standardizer standardizer;
  double silhouette = 0;
  double inertia = 0;  // sum of squared distances of the training rows to their centres
  bool good = false;   // silhouette ≥ 0.25
};

RegimeModel fit_regimes(const Matrix& train, std::size_t k_min = 2, std::size_t k_max = 10,
                        std::uint64_t seed = 5);

/// The nearest centre of every row.
std::vector<std::size_t> assign_regimes(const RegimeModel& model, const Matrix& rows);

/// Mean silhouette of `labels` over the rows (exact, O(n²)).
double silhouette(const Matrix& standardised, const std::vector<std::size_t>& labels,
                  std::size_t k);

}  // namespace acm
