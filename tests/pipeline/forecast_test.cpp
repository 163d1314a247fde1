// Holt's trend and the RUL quantiles: a steady decline crosses when the trend says so; a
// flat health never does.
#include <catch2/catch.hpp>

#include <random>

#include "forecast.hpp"

TEST_CASE("a declining health crosses 40 about when its trend says", "[pipeline]") {
  std::mt19937_64 random(6);
  std::normal_distribution<double> noise(0, 0.5);
  std::vector<double> health;
  for (int t = 0; t < 300; ++t) health.push_back(100 - 0.1 * t + noise(random));  // 70 at the end
  const acm::HoltFit fit = acm::fit_holt(health);
  CHECK(fit.trend == Approx(-0.1).margin(0.03));
  const acm::Rul rul = acm::estimate_rul(fit, 40, 2000);
  REQUIRE(rul.p10.has_value());
  REQUIRE(rul.p50.has_value());
  CHECK(*rul.p50 == Approx(300).epsilon(0.25));  // 30 points at 0.1 per row
  CHECK(*rul.p10 <= *rul.p50);
  // Simulated trends wander; beyond the horizon P90 is left empty rather than made up.
  CHECK((!rul.p90 || *rul.p50 <= *rul.p90));
  CHECK(rul.crossing_share > 0.5);
  std::vector<double> flat(300, 98.0);
  const acm::Rul none = acm::estimate_rul(acm::fit_holt(flat), 40, 2000);
  CHECK_FALSE(none.p50.has_value());
  CHECK(none.crossing_share < 0.1);
}
