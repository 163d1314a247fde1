// PCA on data with two latent factors: two components explain them, SPE flags a row off
// the plane, T² a row far along it.
#include <catch2/catch.hpp>

#include <random>

#include "pca.hpp"

TEST_CASE("PCA keeps the latent plane; SPE and T² see different faults", "[pipeline]") {
  std::mt19937_64 random(9);
  std::normal_distribution<double> noise(0, 1);
  acm::Matrix x = acm::Matrix::from_shape({3000, 6});
  for (std::size_t r = 0; r < 3000; ++r) {
    const double u = noise(random), v = noise(random);
    const double mix[6][2] = {{1, 0}, {0.8, 0.2}, {0, 1}, {0.3, 0.9}, {1, 1}, {-1, 0.5}};
    for (std::size_t c = 0; c < 6; ++c)
      x(r, c) = mix[c][0] * u + mix[c][1] * v + 0.05 * noise(random);
  }
  acm::PcaDetector pca(0.95);
  pca.fit(x);
  CHECK(pca.components() == 2);
  const auto ratios = pca.explained_variance_ratio();
  CHECK(ratios[0] + ratios[1] > 0.95);
  CHECK(ratios[0] >= ratios[1]);
  acm::Matrix rows = xt::view(x, xt::range(0, 3), xt::all());
  rows(1, 0) += 1.0;                                    // breaks the correlation: off the plane
  for (std::size_t c = 0; c < 6; ++c) rows(2, c) *= 6;  // along the plane, far out
  const acm::Matrix s = pca.score(rows);
  const acm::Matrix before = pca.score(xt::view(x, xt::range(0, 3), xt::all()));
  CHECK(s(1, 0) > 50 * s(0, 0));
  CHECK(s(2, 1) == Approx(36 * before(2, 1)).epsilon(0.05));  // T² grows with the square
  CHECK(s(2, 0) < s(1, 0));
}
