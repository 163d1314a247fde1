// Regimes: the silhouette picks the number of operating points the data has; the exact
// silhouette matches its definition on a hand-checked case.
#include <catch2/catch.hpp>

#include <random>

#include "regimes.hpp"

TEST_CASE("three operating points give three regimes with a good silhouette", "[pipeline]") {
  std::mt19937_64 random(12);
  std::normal_distribution<double> noise(0, 1);
  acm::Matrix x = acm::Matrix::from_shape({1500, 4});
  const double centres[3][4] = {{0, 0, 0, 0}, {10, 10, 0, -6}, {-8, 8, 9, 4}};
  for (std::size_t r = 0; r < 1500; ++r) {
    for (std::size_t c = 0; c < 4; ++c) x(r, c) = centres[(r / 100) % 3][c] + noise(random);
  }
  x(7, 2) = NAN;  // a missing reading counts as the mean, not as a failure
  const acm::RegimeModel model = acm::fit_regimes(x);
  CHECK(model.k == 3);
  CHECK(model.good);
  CHECK(model.silhouette > 0.6);
  const auto labels = acm::assign_regimes(model, x);
  CHECK(labels[0] == labels[99]);
  CHECK(labels[0] != labels[100]);
  CHECK(labels[100] != labels[200]);
}

TEST_CASE("the silhouette of a hand-checked layout", "[pipeline]") {
  // Two clusters on a line: {0, 1} and {10, 11}. For 0: a = 1, b = 10.5, s = 1 - 1/10.5.
  const acm::Matrix z = {{0}, {1}, {10}, {11}};
  const double s0 = 1 - 1 / 10.5, s1 = 1 - 1 / 9.5;
  CHECK(acm::silhouette(z, {0, 0, 1, 1}, 2) == Approx((s0 + s1) / 2));
}
