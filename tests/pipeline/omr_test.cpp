// OMR: PLS learns each sensor's level from the others; a sensor that breaks away carries the
// residual; one predictor only falls back to least squares.
#include <catch2/catch.hpp>

#include <random>

#include "omr.hpp"

namespace {
// Three sensors driven by one load; features "<s>__mean" and "<s>__std" each.
acm::Matrix plant(std::size_t rows, std::mt19937_64& random) {
  std::normal_distribution<double> noise(0, 1);
  acm::Matrix x = acm::Matrix::from_shape({rows, 6});
  for (std::size_t r = 0; r < rows; ++r) {
    const double load = noise(random);
    x(r, 0) = 2 * load + 0.05 * noise(random);
    x(r, 1) = 1 + 0.1 * noise(random);
    x(r, 2) = -load + 0.05 * noise(random);
    x(r, 3) = 1 + 0.1 * noise(random);
    x(r, 4) = 3 * load + 0.05 * noise(random);
    x(r, 5) = 1 + 0.1 * noise(random);
  }
  return x;
}
const std::vector<std::string> kNames = {"a__mean", "a__std",  "b__mean",
                                         "b__std",  "c__mean", "c__std"};
}  // namespace

TEST_CASE("each sensor's level is predicted from the others; a broken one stands out",
          "[pipeline]") {
  std::mt19937_64 random(13);
  const acm::Matrix train = plant(3000, random);
  acm::OmrDetector omr(kNames, 2);
  omr.fit(train);
  REQUIRE(omr.sensors() == std::vector<std::string>{"a", "b", "c"});
  CHECK(omr.uses_pls(0));
  acm::Matrix rows = plant(3, random);
  const acm::Vector predicted = omr.predict(0, rows);
  CHECK(predicted(0) == Approx(rows(0, 0)).margin(0.3));
  rows(1, 2) += 2;  // b leaves the relation
  const acm::Matrix parts = omr.contributions(rows);
  CHECK(parts(1, 1) > 100);
  CHECK(parts(1, 1) > parts(1, 0));
  CHECK(parts(1, 1) > parts(1, 2));
  CHECK(omr.score(rows)(1, 0) > 10 * omr.score(rows)(0, 0));
}

TEST_CASE("a single predictor falls back to least squares", "[pipeline]") {
  acm::Matrix x = acm::Matrix::from_shape({100, 2});
  for (std::size_t r = 0; r < 100; ++r) {
    x(r, 0) = static_cast<double>(r);
    x(r, 1) = 2.0 * static_cast<double>(r) + 1;
  }
  acm::OmrDetector omr({"a__mean", "b__mean"});
  omr.fit(x);
  CHECK_FALSE(omr.uses_pls(0));
  CHECK(omr.predict(0, acm::Matrix{{0, 41}})(0) == Approx(20));
}
