// reference_pipeline/kmeanspp.hpp — k-means++ seeding (Arthur & Vassilvitskii 2007): the
// first centre uniformly, each next one with probability proportional to the squared
// distance to the nearest centre so far. Seeds both the GMM's EM and the regimes' k-means.
#pragma once

#include <random>

#include "standardize.hpp"
#include "table.hpp"

namespace acm {

/// k rows of `z` (rows × features) as the starting centres, k × features.
Matrix kmeans_plus_plus(const Eigen::Map<const EigenRows>& z, std::size_t k,
                        std::mt19937_64& random);

}  // namespace acm
