// reference_pipeline/features.hpp — rolling features per sensor over a trailing window
// (default 3 rows): median, MAD, mean, std, OLS slope, skewness and high-frequency energy
// (mean squared first difference), plus kurtosis for windows of 4 or more (over 3 points
// it is the constant 1.5). 15 sensors × 7 = 105 features at the default window.
// Rows with an incomplete window, and any non-finite value, take the feature's median over
// the training rows, so scoring never sees a value training did not.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "table.hpp"

namespace acm {

struct FeatureSpec {
  std::size_t window = 3;
};

struct FeatureSet {
  std::vector<std::string> names;  // "<sensor>__<feature>"
  Matrix values;                   // rows × features
};

/// The fill values learned from training: each feature's median over the train rows.
struct FeatureFill {
  Vector medians;
};

/// Raw rolling features; NaN where a window is incomplete or a reading is missing.
FeatureSet compute_features(const Table& table, const FeatureSpec& spec);

/// Learns the fill values from `train` (its finite values only).
FeatureFill learn_fill(const FeatureSet& train);

/// Replaces every non-finite value with the training median of its feature; returns how
/// many values were imputed.
std::size_t impute(FeatureSet& features, const FeatureFill& fill);

/// A stable hash (FNV-1a, hex) of the feature names and the window: models fitted on one
/// feature layout are never scored on another.
std::string feature_hash(const FeatureSet& features, const FeatureSpec& spec);

}  // namespace acm
