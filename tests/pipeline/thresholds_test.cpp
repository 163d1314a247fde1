// Thresholds from the training quantiles, and the health index and states they give.
#include <catch2/catch.hpp>

#include "thresholds.hpp"

TEST_CASE("warn and alert come from the training distribution", "[pipeline]") {
  acm::Vector train = acm::Vector::from_shape({1001});
  for (std::size_t i = 0; i < 1001; ++i) train(i) = static_cast<double>(i) / 100;  // 0..10
  const acm::Thresholds t = acm::calculate_thresholds(train);
  CHECK(t.median == Approx(5));
  CHECK(t.warn == Approx(9.75));
  CHECK(t.alert == Approx(5 + 1.5 * 4.75));  // P99.5 = 9.95 is below 1.5 × (warn - median)
  const auto timeline = acm::health_timeline(acm::Vector{0, 5, 9.8, t.alert, 30}, t);
  CHECK(timeline[0].health == 100);
  CHECK(timeline[1].health == 100);
  CHECK(timeline[2].state == acm::HealthState::warn);
  CHECK(timeline[3].health == Approx(50));
  CHECK(timeline[3].state == acm::HealthState::alert);
  CHECK(timeline[4].health < 30);
}
