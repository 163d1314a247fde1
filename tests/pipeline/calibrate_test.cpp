// Robust z-scores with adaptive clipping; quantiles as numpy computes them.
#include <catch2/catch.hpp>

#include "calibrate.hpp"

TEST_CASE("quantiles interpolate linearly, like numpy", "[pipeline]") {
  CHECK(acm::quantile({1, 2, 3, 4}, 0.5) == 2.5);
  CHECK(acm::quantile({10, 0, 5}, 0.9) == Approx(9.0));
  CHECK(acm::quantile({}, 0.5) == 0);
}

TEST_CASE("heads become robust z-scores, clipped at their adaptive bound", "[pipeline]") {
  acm::Matrix train = acm::Matrix::from_shape({1001, 1});
  for (std::size_t r = 0; r < 1001; ++r) train(r, 0) = static_cast<double>(r % 101);  // median 50
  const acm::Calibration c = acm::fit_calibration(train, {"h"});
  CHECK(c.median[0] == 50);
  CHECK(c.scale[0] == Approx(1.4826 * 25));
  CHECK(c.clip[0] == 6);
  const acm::Matrix z = acm::calibrate(c, acm::Matrix{{50}, {50 + 1.4826 * 25}, {1e9}});
  CHECK(z(0, 0) == 0);
  CHECK(z(1, 0) == Approx(1));
  CHECK(z(2, 0) == 6);
}
