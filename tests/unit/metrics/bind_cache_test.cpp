#include "vigil/metrics/bind_cache.hpp"

#include <catch2/catch.hpp>

#include <string>

#include "vigil/metrics/registry.hpp"

TEST_CASE("the per-thread bind cache returns the registry's series, never a wrong one",
          "[metrics]") {
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 600; ++i) {  // more label sets than cache entries: collisions replace
      const std::string id = std::to_string(i);
      vigil::counter("cache_hits_total", {{"id", id}, {"kind", "a"}}).add(std::int64_t{1});
    }
  }
  for (int i = 0; i < 600; i += 37) {
    const std::string id = std::to_string(i);
    CHECK(vigil::counter("cache_hits_total", vigil::Labels{{"kind", "a"}, {"id", id}}).value() ==
          3);
  }
  // Same bytes split differently, or another type, are other keys.
  vigil::counter("cache_split_total", {{"ab", "c"}}).add(std::int64_t{1});
  CHECK(vigil::counter("cache_split_total", {{"a", "bc"}}).value() == 0);
  vigil::gauge("cache_typed", {{"k", "v"}}).set(2);
  CHECK(vigil::counter("cache_typed", {{"k", "v"}}).value() == 0);  // type clash: inert
  CHECK(vigil::gauge("cache_typed", {{"k", "v"}}).value() == 2);
  using vigil::detail::binding_hash;
  const vigil::detail::LabelArg ab_c[] = {{"ab", "c"}}, a_bc[] = {{"a", "bc"}};
  CHECK(binding_hash(vigil::MetricType::counter, "x", ab_c, 1) !=
        binding_hash(vigil::MetricType::counter, "x", a_bc, 1));
  CHECK(binding_hash(vigil::MetricType::counter, "x", nullptr, 0) !=
        binding_hash(vigil::MetricType::updown_counter, "x", nullptr, 0));
}
