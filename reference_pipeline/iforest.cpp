// reference_pipeline/iforest.cpp — tree growth on subsamples and average path lengths.
#include "iforest.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace acm {

namespace {

// Average path length of an unsuccessful search in a binary search tree of n points.
double average_path(std::size_t n) {
  if (n <= 1) return 0.0;
  if (n == 2) return 1.0;
  const double m = static_cast<double>(n - 1);
  return 2.0 * (std::log(m) + 0.5772156649015329) - 2.0 * m / static_cast<double>(n);
}

}  // namespace

void IsolationForest::fit(const Matrix& train) {
  const std::size_t n = train.shape(0), f = train.shape(1);
  sample_size_ = std::min(subsample_, n);
  const auto max_depth =
      static_cast<std::size_t>(std::ceil(std::log2(std::max<std::size_t>(sample_size_, 2))));
  std::mt19937_64 random(seed_);
  std::vector<std::size_t> all(n);
  std::iota(all.begin(), all.end(), 0);
  forest_.assign(trees_, Tree{});
  for (Tree& tree : forest_) {
    std::vector<std::size_t> sample;
    std::sample(all.begin(), all.end(), std::back_inserter(sample), sample_size_, random);
    // Grow breadth-first: each pending entry is (node, rows, depth).
    struct Pending {
      std::int32_t node;
      std::vector<std::size_t> rows;
      std::size_t depth;
    };
    tree.push_back({});
    std::vector<Pending> pending{{0, std::move(sample), 0}};
    while (!pending.empty()) {
      Pending p = std::move(pending.back());
      pending.pop_back();
      Node& node = tree[static_cast<std::size_t>(p.node)];
      node.leaf_adjust = average_path(p.rows.size());
      if (p.rows.size() <= 1 || p.depth >= max_depth) continue;
      // A random feature that still varies among these rows, and a split within its range.
      std::uniform_int_distribution<std::size_t> pick(0, f - 1);
      std::size_t feature = pick(random);
      double low = 0, high = 0;
      for (int attempt = 0; attempt < 8; ++attempt) {
        low = high = train(p.rows[0], feature);
        for (const std::size_t r : p.rows) {
          low = std::min(low, train(r, feature));
          high = std::max(high, train(r, feature));
        }
        if (high > low) break;
        feature = pick(random);
      }
      if (!(high > low)) continue;
      const double split = std::uniform_real_distribution<double>(low, high)(random);
      Pending left{static_cast<std::int32_t>(tree.size()), {}, p.depth + 1};
      Pending right{static_cast<std::int32_t>(tree.size() + 1), {}, p.depth + 1};
      for (const std::size_t r : p.rows)
        (train(r, feature) < split ? left : right).rows.push_back(r);
      Node& parent = tree[static_cast<std::size_t>(p.node)];
      parent.feature = static_cast<std::int32_t>(feature);
      parent.split = split;
      parent.left = left.node;
      parent.right = right.node;
      tree.push_back({});
      tree.push_back({});
      pending.push_back(std::move(left));
      pending.push_back(std::move(right));
    }
  }
}

double IsolationForest::path_length(const Tree& tree, const double* row) const {
  std::size_t node = 0;
  double depth = 0;
  while (tree[node].feature >= 0) {
    node = static_cast<std::size_t>(row[tree[node].feature] < tree[node].split ? tree[node].left
                                                                               : tree[node].right);
    depth += 1;
  }
  return depth + tree[node].leaf_adjust;
}

Matrix IsolationForest::score(const Matrix& rows) const {
  const std::size_t n = rows.shape(0), f = rows.shape(1);
  std::vector<double> total(n, 0.0);
  for (const Tree& tree : forest_) {  // tree by tree: each stays in cache for every row
    for (std::size_t r = 0; r < n; ++r) total[r] += path_length(tree, rows.data() + r * f);
  }
  Matrix out = Matrix::from_shape({n, 1});
  const double c = average_path(sample_size_);
  for (std::size_t r = 0; r < n; ++r) {
    out(r, 0) = std::pow(2.0, -(total[r] / static_cast<double>(forest_.size())) / c);
  }
  return out;
}

}  // namespace acm
