#include "vigil/metrics/histogram.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <thread>
#include <vector>

#include "vigil/metrics/registry.hpp"
#include "vigil/metrics/snapshot.hpp"

TEST_CASE("buckets are le-inclusive and the count/sum exact", "[metrics]") {
  const auto h = vigil::histogram("test_latency_seconds", {}, {0.1, 1, 10});
  for (double v : {0.05, 0.1, 0.5, 1.0, 5.0, 50.0}) h.record(v);
  const auto s = h.snapshot();
  REQUIRE(s.bucket_counts.size() == 4);
  CHECK(s.bucket_counts[0] == 2);  // 0.05, 0.1
  CHECK(s.bucket_counts[1] == 2);  // 0.5, 1
  CHECK(s.bucket_counts[2] == 1);
  CHECK(s.bucket_counts[3] == 1);  // +Inf
  CHECK(s.count == 6);
  CHECK(s.sum == Approx(56.65));
}

TEST_CASE("P50/P95/P99 stay within 1% of the exact quantiles", "[metrics]") {
  const auto h = vigil::histogram("test_quantile_seconds");
  std::mt19937_64 rng(7);
  std::lognormal_distribution<double> latency(-4.0, 1.5);
  std::vector<double> values(200000);
  for (double& v : values) v = latency(rng);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (std::size_t i = static_cast<std::size_t>(t); i < values.size(); i += 4)
        h.record(values[i]);
    });
  }
  for (auto& thread : threads) thread.join();
  std::sort(values.begin(), values.end());
  const auto s = h.snapshot();
  CHECK(s.count == values.size());
  for (double q : {0.5, 0.95, 0.99, 0.0, 1.0}) {
    const double exact =
        values[static_cast<std::size_t>(std::floor(q * static_cast<double>(values.size() - 1)))];
    INFO("q=" << q << " exact=" << exact << " sketch=" << s.quantile(q));
    CHECK(std::fabs(s.quantile(q) - exact) <= 0.01 * exact);
  }
}

TEST_CASE("the sketch maps values to buckets within 0.79% and keeps zero apart", "[metrics]") {
  using Sketch = vigil::detail::LogLinearSketch;
  for (double v : {1e-9, 3.3e-6, 0.001, 0.7, 1.0, 42.0, 123456.0, 1e10}) {
    const double mid = vigil::detail::sketch_value_of(Sketch::index(v));
    CHECK(std::fabs(mid - v) <= 0.0079 * v);
  }
  CHECK(Sketch::index(0.0) == Sketch::kZero);
  CHECK(Sketch::index(-1.0) == Sketch::kZero);
  CHECK(Sketch::index(std::nan("")) == Sketch::kZero);
  CHECK(Sketch::index(1e300) == Sketch::kBuckets - 1);
  const auto empty = vigil::histogram("test_empty_seconds").snapshot();
  CHECK(std::isnan(empty.quantile(0.5)));
}

TEST_CASE("a value's bucket is the first bound not below it, wherever the bounds fall",
          "[metrics]") {
  const std::vector<std::vector<double>> bound_sets = {
      {0.1, 1, 10},
      {1.0, 1.001, 1.002, 1.01, 1.5},           // several bounds inside one sketch bucket
      {-5, -1e-3, 0, 1e-12, 2e-10, 3.0, 1e20},  // below, at and above the sketch's range
      {},
  };
  std::vector<double> values = {0.0,      -0.0,      -1.0,  1e-300, 5e-324, std::nan(""),
                                INFINITY, -INFINITY, 1e300, 1.0005, 1.0015};
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> exponent(-40, 40);
  for (int i = 0; i < 20000; ++i) values.push_back(std::pow(10.0, exponent(rng) / 4));
  for (const auto& bounds : bound_sets) {
    std::vector<double> all = values;
    for (double b : bounds) {
      all.insert(all.end(), {b, std::nextafter(b, -INFINITY), std::nextafter(b, INFINITY)});
    }
    vigil::detail::HistogramSeries series(bounds.data(), bounds.size());
    std::vector<std::uint64_t> expected(bounds.size() + 1, 0);
    for (double v : all) {
      series.record(v);
      const auto at = std::lower_bound(bounds.begin(), bounds.end(), v) - bounds.begin();
      ++expected[static_cast<std::size_t>(at)];
    }
    CHECK(vigil::HistogramSnapshot::of(&series, false).bucket_counts == expected);
  }
}
