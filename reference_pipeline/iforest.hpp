// reference_pipeline/iforest.hpp — isolation forest (Liu et al. 2008): `trees` random
// trees on subsamples of `subsample` rows; score 2^(-E[h(x)] / c(subsample)), higher is
// more isolated. Deterministic for a seed.
#pragma once

#include <cstdint>
#include <vector>

#include "detector.hpp"

namespace acm {

class IsolationForest : public Detector {
 public:
  explicit IsolationForest(std::size_t trees = 100, std::size_t subsample = 256,
                           std::uint64_t seed = 7)
      : trees_(trees), subsample_(subsample), seed_(seed) {}
  std::string name() const override { return "iforest"; }
  std::vector<std::string> heads() const override { return {"iforest"}; }
  void fit(const Matrix& train) override;
  Matrix score(const Matrix& rows) const override;

 private:
  struct Node {
    std::int32_t feature = -1;  // -1: a leaf
    double split = 0;
    std::int32_t left = -1, right = -1;
    double leaf_adjust = 0;  // c(rows that reached this leaf), added to a leaf's depth
  };
  using Tree = std::vector<Node>;

  double path_length(const Tree& tree, const double* row) const;

  std::size_t trees_, subsample_;
  std::uint64_t seed_;
  std::size_t sample_size_ = 0;
  std::vector<Tree> forest_;
};

}  // namespace acm
