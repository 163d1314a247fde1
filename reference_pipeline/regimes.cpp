// reference_pipeline/regimes.cpp — mini-batch k-means and silhouette model choice.
#include "regimes.hpp"

#include "kmeanspp.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

namespace acm {

namespace {

double distance2(const Matrix& a, std::size_t i, const Matrix& b, std::size_t j) {
  double d = 0;
  for (std::size_t c = 0; c < a.shape(1); ++c) d += (a(i, c) - b(j, c)) * (a(i, c) - b(j, c));
  return d;
}

std::size_t nearest(const Matrix& rows, std::size_t r, const Matrix& centres) {
  std::size_t best = 0;
  double best_d = std::numeric_limits<double>::infinity();
  for (std::size_t j = 0; j < centres.shape(0); ++j) {
    const double d = distance2(rows, r, centres, j);
    if (d < best_d) {
      best_d = d;
      best = j;
    }
  }
  return best;
}

Matrix mini_batch_kmeans(const Matrix& z, std::size_t k, std::mt19937_64& random) {
  const std::size_t n = z.shape(0), f = z.shape(1);
  Matrix centres =
      kmeans_plus_plus(Eigen::Map<const EigenRows>(z.data(), static_cast<Eigen::Index>(n),
                                                   static_cast<Eigen::Index>(f)),
                       k, random);
  std::vector<double> counts(k, 0);
  std::uniform_int_distribution<std::size_t> any(0, n - 1);
  for (int iteration = 0; iteration < 100; ++iteration) {
    for (int b = 0; b < 256; ++b) {
      const std::size_t r = any(random);
      const std::size_t j = nearest(z, r, centres);
      const double rate = 1.0 / ++counts[j];
      for (std::size_t c = 0; c < f; ++c) centres(j, c) += rate * (z(r, c) - centres(j, c));
    }
  }
  return centres;
}

// The standardised rows as an xtensor matrix (the k-means loops index it directly).
Matrix standardise(const Standardizer& standardizer, const Matrix& x) {
  Matrix z = Matrix::from_shape(x.shape());
  Eigen::Map<EigenRows>(z.data(), static_cast<Eigen::Index>(x.shape(0)),
                        static_cast<Eigen::Index>(x.shape(1))) = standardizer.apply(x);
  return z;
}

}  // namespace

double silhouette(const Matrix& z, const std::vector<std::size_t>& labels, std::size_t k) {
  const std::size_t n = z.shape(0);
  std::vector<double> sizes(k, 0);
  for (const std::size_t l : labels) ++sizes[l];
  double total = 0;
  std::vector<double> sums(k);
  for (std::size_t i = 0; i < n; ++i) {
    std::fill(sums.begin(), sums.end(), 0.0);
    for (std::size_t j = 0; j < n; ++j) sums[labels[j]] += std::sqrt(distance2(z, i, z, j));
    const std::size_t own = labels[i];
    if (sizes[own] <= 1) continue;  // scikit-learn: a singleton's silhouette is 0
    const double a = sums[own] / (sizes[own] - 1);
    double b = std::numeric_limits<double>::infinity();
    for (std::size_t c = 0; c < k; ++c) {
      if (c != own && sizes[c] > 0) b = std::min(b, sums[c] / sizes[c]);
    }
    total += (b - a) / std::max(a, b);
  }
  return total / static_cast<double>(n);
}

RegimeModel fit_regimes(const Matrix& train, std::size_t k_min, std::size_t k_max,
                        std::uint64_t seed) {
  const std::size_t n = train.shape(0), f = train.shape(1);
  RegimeModel best;
  best.standardizer = Standardizer::fit(train);
  const Matrix z = standardise(best.standardizer, train);
  std::mt19937_64 random(seed);
  std::vector<std::size_t> sample(n);
  std::iota(sample.begin(), sample.end(), 0);
  std::shuffle(sample.begin(), sample.end(), random);
  sample.resize(std::min<std::size_t>(n, 600));
  Matrix zs = Matrix::from_shape({sample.size(), f});
  for (std::size_t i = 0; i < sample.size(); ++i) {
    for (std::size_t c = 0; c < f; ++c) zs(i, c) = z(sample[i], c);
  }
  best.silhouette = -2;
  for (std::size_t k = k_min; k <= k_max && k < sample.size(); ++k) {
    const Matrix centres = mini_batch_kmeans(z, k, random);
    std::vector<std::size_t> labels(sample.size());
    for (std::size_t i = 0; i < sample.size(); ++i) labels[i] = nearest(zs, i, centres);
    const double s = silhouette(zs, labels, k);
    if (s > best.silhouette) {
      best.silhouette = s;
      best.k = k;
      best.centres = centres;
    }
  }
  best.inertia = 0;
  for (std::size_t r = 0; r < n; ++r)
    best.inertia += distance2(z, r, best.centres, nearest(z, r, best.centres));
  best.good = best.silhouette >= 0.25;
  return best;
}

std::vector<std::size_t> assign_regimes(const RegimeModel& model, const Matrix& rows) {
  const Matrix z = standardise(model.standardizer, rows);
  std::vector<std::size_t> out(rows.shape(0));
  for (std::size_t r = 0; r < rows.shape(0); ++r) out[r] = nearest(z, r, model.centres);
  return out;
}

}  // namespace acm
