// AR(1): φ recovered from a simulated process; a residual shock scores far above normal rows.
#include <catch2/catch.hpp>

#include <random>

#include "ar1.hpp"

TEST_CASE("AR(1) recovers φ and flags a shock", "[pipeline]") {
  std::mt19937_64 random(5);
  std::normal_distribution<double> noise(0, 1);
  acm::Matrix x = acm::Matrix::from_shape({4000, 2});
  double a = 0, b = 0;
  for (std::size_t r = 0; r < 4000; ++r) {
    x(r, 0) = a = 0.8 * a + noise(random);
    x(r, 1) = b = -0.3 * b + noise(random) + 10;
  }
  acm::Ar1Detector detector;
  detector.fit(x);
  CHECK(detector.phi()(0) == Approx(0.8).margin(0.03));
  CHECK(detector.phi()(1) == Approx(-0.3).margin(0.04));
  acm::Matrix rows = xt::view(x, xt::range(0, 100), xt::all());
  rows(50, 0) += 8;
  const acm::Matrix s = detector.score(rows);
  double typical = 0;
  for (std::size_t r = 0; r < 40; ++r) typical += s(r, 0) / 40;
  CHECK(typical < 1.0);  // E|z| of a normal residual is 0.8
  CHECK(s(50, 0) > 3 * typical);
  CHECK(s(51, 0) > 2 * typical);  // the shock is the next row's lagged value too
}
