// Culprits: sensors ranked by their mean contribution over each episode.
#include <catch2/catch.hpp>

#include "culprits.hpp"

TEST_CASE("the sensor carrying an episode's residual ranks first", "[pipeline]") {
  acm::Matrix parts = acm::Matrix::from_shape({10, 3});
  parts.fill(1.0);
  for (std::size_t r = 2; r < 5; ++r) parts(r, 2) = 7;  // episode 1: sensor c
  for (std::size_t r = 6; r < 9; ++r) parts(r, 0) = 4;  // episode 2: sensor a
  const auto culprits = acm::find_culprits(parts, {"a", "b", "c"}, {{2, 5, 0}, {6, 9, 0}}, 2);
  REQUIRE(culprits.size() == 4);
  CHECK(culprits[0].sensor == "c");
  CHECK(culprits[0].rank == 1);
  CHECK(culprits[0].contribution == 7);
  CHECK(culprits[0].share == Approx(7.0 / 9));
  CHECK(culprits[2].sensor == "a");
  CHECK(culprits[2].episode == 1);
}
