// reference_pipeline/culprits.cpp — ranking sensors by their share of an episode's residual.
#include "culprits.hpp"

#include <algorithm>
#include <numeric>

namespace acm {

std::vector<Culprit> find_culprits(const Matrix& contributions,
                                   const std::vector<std::string>& sensors,
                                   const std::vector<Episode>& episodes, std::size_t top) {
  std::vector<Culprit> out;
  for (std::size_t e = 0; e < episodes.size(); ++e) {
    std::vector<double> mean(sensors.size(), 0.0);
    const Episode& episode = episodes[e];
    for (std::size_t r = episode.begin; r < episode.end; ++r) {
      for (std::size_t s = 0; s < sensors.size(); ++s) mean[s] += contributions(r, s);
    }
    const double rows = static_cast<double>(std::max<std::size_t>(episode.end - episode.begin, 1));
    double total = 0;
    for (double& m : mean) total += m /= rows;
    std::vector<std::size_t> order(sensors.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&mean](std::size_t a, std::size_t b) { return mean[a] > mean[b]; });
    for (std::size_t rank = 0; rank < std::min(top, order.size()); ++rank) {
      const std::size_t s = order[rank];
      out.push_back({e, rank + 1, sensors[s], mean[s], total > 0 ? mean[s] / total : 0.0});
    }
  }
  return out;
}

}  // namespace acm
