// GMM: BIC picks the number of clusters the data has; outliers get a high negative
// log-likelihood; the seed fixes the model.
#include <catch2/catch.hpp>

#include <random>

#include "gmm.hpp"

TEST_CASE("BIC finds three clusters and the far row scores worst", "[pipeline]") {
  std::mt19937_64 random(4);
  std::normal_distribution<double> noise(0, 1);
  acm::Matrix x = acm::Matrix::from_shape({900, 3});
  const double centres[3][3] = {{0, 0, 0}, {8, 0, 4}, {0, 9, -5}};
  for (std::size_t r = 0; r < 900; ++r) {
    for (std::size_t c = 0; c < 3; ++c) x(r, c) = centres[r % 3][c] + noise(random);
  }
  acm::GmmDetector gmm;
  gmm.fit(x);
  CHECK(gmm.components() == 3);
  REQUIRE(gmm.bic().size() == 4);
  CHECK(gmm.bic()[1] < gmm.bic()[0]);  // k=3 beats k=2
  const acm::Matrix s = gmm.score(acm::Matrix{{0, 0, 0}, {8, 0, 4}, {4, 4, 20}});
  CHECK(s(2, 0) > s(0, 0) + 10);
  CHECK(s(2, 0) > s(1, 0) + 10);
  acm::GmmDetector again;
  again.fit(x);
  CHECK(again.train_mean_log_likelihood() == gmm.train_mean_log_likelihood());
}
