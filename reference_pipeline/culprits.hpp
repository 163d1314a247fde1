// reference_pipeline/culprits.hpp — which sensors an episode is about: the sensors with
// the largest mean OMR contribution over the episode's rows, ranked.
#pragma once

#include <string>
#include <vector>

#include "fusion.hpp"
#include "table.hpp"

namespace acm {

struct Culprit {
  std::size_t episode = 0;  // index into the episodes
  std::size_t rank = 0;     // 1 = the largest contribution
  std::string sensor;
  double contribution = 0;  // mean squared standardised residual over the episode
  double share = 0;         // of the sum over all sensors
};

/// `contributions`: rows × sensors (OmrDetector::contributions of the scored rows).
std::vector<Culprit> find_culprits(const Matrix& contributions,
                                   const std::vector<std::string>& sensors,
                                   const std::vector<Episode>& episodes, std::size_t top = 3);

}  // namespace acm
