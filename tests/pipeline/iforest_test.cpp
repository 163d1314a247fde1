// Isolation forest: isolated points score higher than the bulk; the seed fixes the forest.
#include <catch2/catch.hpp>

#include <random>

#include "iforest.hpp"

TEST_CASE("outliers are isolated sooner than inliers, the same way every time", "[pipeline]") {
  std::mt19937_64 random(3);
  std::normal_distribution<double> noise(0, 1);
  acm::Matrix x = acm::Matrix::from_shape({2000, 4});
  for (auto& v : x) v = noise(random);
  acm::IsolationForest forest;
  forest.fit(x);
  acm::Matrix rows = {{0, 0, 0, 0}, {6, -6, 6, 0}, {0.5, -0.2, 0.1, 0.3}};
  const acm::Matrix s = forest.score(rows);
  CHECK(s(1, 0) > 0.65);
  CHECK(s(0, 0) < 0.5);
  CHECK(s(2, 0) < 0.5);
  acm::IsolationForest again;
  again.fit(x);
  const bool same = again.score(rows) == s;  // a bool: Catch must not see xtensor
  CHECK(same);
}
