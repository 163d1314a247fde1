// reference_pipeline/fusion.hpp — one health score from the calibrated heads, and the
// anomaly episodes in it.
//
// Weights start equal; episodes found with them show which heads separate episode rows
// from the rest; the weights move (learning rate) toward the softmax of that separability.
// Episodes come from a one-sided CUSUM on the fused score, its k and h tuned on the
// training rows (k: their P95; h: 1.2 × the largest sum they reach, at least 5).
#pragma once

#include <string>
#include <vector>

#include "table.hpp"

namespace acm {

struct FusionWeights {
  std::vector<std::string> heads;
  std::vector<double> weights;  // sum to 1
};

struct CusumParams {
  double k = 0;
  double h = 0;
};

/// Rows [begin, end) of the scored part; `peak` is the largest fused score inside.
struct Episode {
  std::size_t begin = 0;
  std::size_t end = 0;
  double peak = 0;
};

/// Equal weights over `fused` (every head when empty); the other heads get 0 and keep it.
FusionWeights equal_weights(const std::vector<std::string>& heads,
                            const std::vector<std::string>& fused = {});

/// Weighted sum of the calibrated heads (rows × heads) per row.
Vector combine(const Matrix& z, const FusionWeights& weights);

CusumParams tune_cusum(const Vector& train_fused);

/// CUSUM alarms, each from where its sum left zero to where the sum peaked (after that it
/// only drains); episodes closer than `merge_gap` rows are merged.
std::vector<Episode> detect_episodes(const Vector& fused, const CusumParams& params,
                                     std::size_t merge_gap = 10);

/// New weights from the separability of each head between episode rows and the others.
FusionWeights tune_weights(const Matrix& z, const std::vector<Episode>& episodes,
                           const FusionWeights& start, double learning_rate = 0.5);

}  // namespace acm
