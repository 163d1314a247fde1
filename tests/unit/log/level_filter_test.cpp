// Run-time levels: the base level, per-component overrides, VIGIL_LOG_LEVEL specs, the
// floor that makes a filtered call one branch, and bad specs told once.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>
#include <vector>

#include "vigil/detail/report.hpp"
#include "vigil/log/level_filter.hpp"
#include "vigil/log/site.hpp"

namespace {
bool allows(std::string_view component, vigil::Level level) {
  return vigil::detail::log_floor_allows(level) &&
         vigil::detail::component_state(component).allows(level);
}
}  // namespace

TEST_CASE("components follow the base level unless they have their own", "[log]") {
  vigil::reset_log_levels(vigil::Level::info);
  vigil::set_log_level("GMM", vigil::Level::trace);
  CHECK(allows("GMM", vigil::Level::trace));
  CHECK_FALSE(allows("RUN", vigil::Level::debug));
  CHECK(allows("RUN", vigil::Level::info));
  vigil::set_log_level(vigil::Level::warn);
  CHECK_FALSE(allows("RUN", vigil::Level::info));
  CHECK(allows("GMM", vigil::Level::debug));
  CHECK(vigil::log_level("GMM") == vigil::Level::trace);
  CHECK(vigil::log_level() == vigil::Level::warn);
  vigil::reset_log_levels();
}

TEST_CASE("the floor is the lowest level any component lets through", "[log]") {
  vigil::reset_log_levels(vigil::Level::warn);
  CHECK_FALSE(vigil::detail::log_floor_allows(vigil::Level::info));
  vigil::set_log_level("SQL", vigil::Level::debug);
  CHECK(vigil::detail::log_floor_allows(vigil::Level::debug));
  CHECK_FALSE(vigil::detail::log_floor_allows(vigil::Level::trace));
  vigil::set_log_level(vigil::Level::off);
  CHECK(vigil::detail::log_floor_allows(vigil::Level::debug));  // SQL still wants it
  vigil::reset_log_levels(vigil::Level::off);
  CHECK_FALSE(vigil::detail::log_floor_allows(vigil::Level::error));
  vigil::reset_log_levels();
}

TEST_CASE("a spec sets the base and components, an override applies to later components", "[log]") {
  vigil::reset_log_levels();
  CHECK(vigil::set_log_levels(" debug , NEWCOMP=error,OMR=trace "));
  CHECK(vigil::log_level() == vigil::Level::debug);
  CHECK(vigil::log_level("NEWCOMP") == vigil::Level::error);  // created after the spec
  CHECK(vigil::log_level("OMR") == vigil::Level::trace);
  CHECK(vigil::log_level("CAL") == vigil::Level::debug);
  vigil::reset_log_levels();
}

TEST_CASE("bad spec entries are told once each and the good ones still apply", "[log]") {
  std::vector<std::string> told;
  vigil::set_report_handler([&told](const std::string& m) { told.push_back(m); });
  vigil::reset_log_levels();
  CHECK_FALSE(vigil::set_log_levels("loud,GMM=trace,=debug"));
  CHECK_FALSE(vigil::set_log_levels("loud"));
  vigil::set_report_handler(nullptr);
  CHECK(vigil::log_level("GMM") == vigil::Level::trace);
  CHECK(vigil::log_level() == vigil::Level::info);
  REQUIRE(told.size() == 2);
  CHECK(told[0].find("'loud'") != std::string::npos);
  CHECK(told[1].find("'=debug'") != std::string::npos);
  vigil::reset_log_levels();
}

TEST_CASE("VIGIL_LOG_LEVEL is read once, before code changes the levels", "[log]") {
  ::setenv("VIGIL_LOG_LEVEL", "debug,GMM=trace,SQL=bogus", 1);
  std::vector<std::string> told;
  vigil::set_report_handler([&told](const std::string& m) { told.push_back(m); });
  vigil::detail::LevelState fresh;
  vigil::detail::configure_locked(fresh);
  ::setenv("VIGIL_LOG_LEVEL", "error", 1);
  vigil::detail::configure_locked(fresh);  // already configured: not read again
  ::unsetenv("VIGIL_LOG_LEVEL");
  vigil::set_report_handler(nullptr);
  CHECK(fresh.base == vigil::Level::debug);
  REQUIRE(fresh.overrides.count("GMM") == 1);
  CHECK(fresh.overrides.at("GMM") == vigil::Level::trace);
  CHECK(fresh.overrides.count("SQL") == 0);
  REQUIRE(told.size() == 1);
  CHECK(told[0].find("VIGIL_LOG_LEVEL: ignoring 'SQL=bogus'") != std::string::npos);
  vigil::reset_log_levels();
}
