// Drift: a slow ramp of the fused score alarms, a stationary one does not.
#include <catch2/catch.hpp>

#include <random>

#include "drift.hpp"

TEST_CASE("a ramp away from the training level is drift, noise is not", "[pipeline]") {
  std::mt19937_64 random(2);
  std::normal_distribution<double> noise(0, 1);
  acm::Vector train = acm::Vector::from_shape({2000});
  for (auto& v : train) v = noise(random);
  acm::Vector steady = acm::Vector::from_shape({1000});
  acm::Vector ramp = acm::Vector::from_shape({1000});
  for (std::size_t r = 0; r < 1000; ++r) {
    steady(r) = noise(random);
    ramp(r) = noise(random) + (r > 500 ? static_cast<double>(r - 500) / 100 : 0.0);
  }
  CHECK_FALSE(acm::detect_drift(train, steady).drifted);
  const acm::DriftResult d = acm::detect_drift(train, ramp);
  REQUIRE(d.drifted);
  CHECK(*d.first_alarm > 500);
  CHECK(*d.first_alarm < 700);
  CHECK(d.shift > 3);
}
