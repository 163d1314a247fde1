// vigil::component("X"): the same records as the macros, levels included.
#include <catch2/catch.hpp>

#include "capture.hpp"
#include "vigil/runtime.hpp"

using vigil_test::attribute;
using vigil_test::LogCapture;

TEST_CASE("a component logs at every level with positional values and fields", "[log]") {
  LogCapture capture(vigil::Level::trace, true);
  const auto log = vigil::component("GMM");
  CHECK(log.name() == "GMM");
  log.trace("t");
  log.debug("d {}", 1);
  log.info("fitted k={} in {} iterations", 3, 12, {"bic", -1.5});
  log.warn("w", {"a", 1}, {"b", 2}, {"c", 3}, {"d", 4}, {"e", 5}, {"f", 6}, {"g", 7}, {"h", 8});
  log.error("e");
  log.ok("saved");
  log.status("working");
  log.header("Title");
  log.section("Part");
  const auto records = capture.records();
  REQUIRE(records.size() == 9);
  CHECK(records[0].level == vigil::Level::trace);
  CHECK(records[1].message == "d 1");
  CHECK(records[2].message == "fitted k=3 in 12 iterations");
  CHECK(std::get<double>(attribute(records[2].fields, "bic")) == -1.5);
  CHECK(records[3].fields.size() == 8);
  CHECK(records[4].level == vigil::Level::error);
  CHECK(records[5].decoration == vigil::Decoration::ok);
  CHECK(records[6].decoration == vigil::Decoration::status);
  CHECK(records[7].decoration == vigil::Decoration::header);
  CHECK(records[8].decoration == vigil::Decoration::section);
  for (const auto& record : records) CHECK(record.component == "GMM");
}

TEST_CASE("a component obeys its own level and reports whether it is enabled", "[log]") {
  LogCapture capture(vigil::Level::info);
  const auto log = vigil::component("AR1");
  CHECK_FALSE(log.enabled(vigil::Level::debug));
  log.debug("hidden");
  vigil::set_log_level("AR1", vigil::Level::debug);
  CHECK(log.enabled(vigil::Level::debug));
  log.debug("shown");
  REQUIRE(capture.records().size() == 1);
  CHECK(capture.only().message == "shown");
}
