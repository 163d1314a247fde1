// Fusion: CUSUM finds a planted shift and nothing in noise; tuning favours the head that
// separates the episode.
#include <catch2/catch.hpp>

#include <random>

#include "fusion.hpp"

TEST_CASE("CUSUM finds a planted shift and stays quiet in its training noise", "[pipeline]") {
  std::mt19937_64 random(11);
  std::normal_distribution<double> noise(0, 1);
  acm::Vector train = acm::Vector::from_shape({3000});
  for (auto& v : train) v = noise(random);
  const acm::CusumParams params = acm::tune_cusum(train);
  CHECK(params.h >= 5);
  CHECK(acm::detect_episodes(train, params).empty());
  acm::Vector score = acm::Vector::from_shape({1000});
  for (std::size_t r = 0; r < 1000; ++r) score(r) = noise(random) + (r >= 400 && r < 500 ? 4 : 0);
  const auto episodes = acm::detect_episodes(score, params);
  REQUIRE(episodes.size() == 1);
  CHECK(episodes[0].begin >= 380);
  CHECK(episodes[0].begin <= 420);
  CHECK(episodes[0].end >= 495);
  CHECK(episodes[0].end <= 540);
  CHECK(episodes[0].peak > 4);
}

TEST_CASE("weights move toward the head that separates the episodes", "[pipeline]") {
  acm::Matrix z = acm::Matrix::from_shape({200, 2});
  for (std::size_t r = 0; r < 200; ++r) {
    z(r, 0) = (r % 7) * 0.1 + (r >= 100 && r < 120 ? 5 : 0);  // separates
    z(r, 1) = (r % 5) * 0.2;                                  // does not
  }
  const auto start = acm::equal_weights({"good", "flat"});
  const auto tuned = acm::tune_weights(z, {{100, 120, 5}}, start, 0.5);
  CHECK(tuned.weights[0] > 0.7);
  CHECK(tuned.weights[0] + tuned.weights[1] == Approx(1));
  CHECK(acm::tune_weights(z, {}, start).weights == start.weights);
  const acm::Vector fused = acm::combine(z, tuned);
  CHECK(fused(110) == Approx(tuned.weights[0] * z(110, 0) + tuned.weights[1] * z(110, 1)));
}

TEST_CASE("a head left out of the fusion keeps weight 0 through tuning", "[pipeline]") {
  acm::Matrix z = acm::Matrix::from_shape({200, 2});
  for (std::size_t r = 0; r < 200; ++r) {
    z(r, 0) = (r % 7) * 0.1;
    z(r, 1) = (r >= 100 && r < 120 ? 9 : 0);  // separates best, but is not fused
  }
  const auto start = acm::equal_weights({"used", "stored"}, {"used"});
  CHECK(start.weights == std::vector<double>{1.0, 0.0});
  const auto tuned = acm::tune_weights(z, {{100, 120, 9}}, start, 0.5);
  CHECK(tuned.weights == std::vector<double>{1.0, 0.0});
}
