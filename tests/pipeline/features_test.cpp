// Rolling features against hand-computed values (pandas' definitions), the training fill,
// and the hash.
#include <catch2/catch.hpp>

#include <cmath>

#include "features.hpp"

namespace {
acm::Table series(std::initializer_list<double> values) {
  acm::Table t;
  t.columns = {"s"};
  t.values = acm::Matrix::from_shape({values.size(), 1});
  std::size_t r = 0;
  for (const double v : values) {
    t.values(r++, 0) = v;
    t.timestamps.push_back(static_cast<std::int64_t>(r));
  }
  return t;
}
}  // namespace

TEST_CASE("a window of [1, 2, 4] gives the textbook statistics", "[pipeline]") {
  const acm::FeatureSet f = acm::compute_features(series({1, 2, 4}), {});
  REQUIRE(f.names == std::vector<std::string>{"s__median", "s__mad", "s__mean", "s__std",
                                              "s__slope", "s__skew", "s__energy"});
  CHECK(std::isnan(f.values(1, 0)));  // incomplete window
  CHECK(f.values(2, 0) == 2);
  CHECK(f.values(2, 1) == 1);  // |1-2|, |2-2|, |4-2| -> median 1
  CHECK(f.values(2, 2) == Approx(7.0 / 3));
  CHECK(f.values(2, 3) == Approx(std::sqrt(7.0 / 3)));  // sample std
  CHECK(f.values(2, 4) == Approx(1.5));                 // OLS slope
  CHECK(f.values(2, 5) == Approx(0.9352195295828242));  // pandas rolling(3).skew()
  CHECK(f.values(2, 6) == Approx((1.0 + 4.0) / 2));     // mean squared difference
}

TEST_CASE("kurtosis joins from a window of 4 (pandas' rolling kurt)", "[pipeline]") {
  const acm::FeatureSet f = acm::compute_features(series({1, 2, 4, 8}), {4});
  REQUIRE(f.names.size() == 8);
  CHECK(f.names[7] == "s__kurt");
  CHECK(f.values(3, 7) == Approx(0.7576559546313792));
}

TEST_CASE("missing values take the training medians, and the hash follows the layout",
          "[pipeline]") {
  acm::FeatureSet train = acm::compute_features(series({1, 2, 4, 8, 16}), {});
  const acm::FeatureFill fill = acm::learn_fill(train);
  CHECK(fill.medians(0) == 4);  // medians 2, 4, 8 over the complete windows
  CHECK(acm::impute(train, fill) == 2 * 7);
  CHECK(train.values(0, 0) == 4);
  const std::string hash = acm::feature_hash(train, {});
  CHECK(hash.size() == 16);
  CHECK(hash == acm::feature_hash(train, {}));
  CHECK(hash != acm::feature_hash(acm::compute_features(series({1, 2, 3, 4}), {4}), {4}));
}
