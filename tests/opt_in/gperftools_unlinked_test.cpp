// A program with profile sections that links neither libprofiler nor tcmalloc: it builds,
// runs, and is told once what to link.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "files.hpp"
#include "vigil/profile/gperftools.hpp"

TEST_CASE("without gperftools linked, sections tell once what is missing", "[profile]") {
  std::vector<std::string> told;
  vigil::set_report_handler([&](const std::string& message) { told.push_back(message); });
  vigil::ProfileConfig config;
  config.enabled = true;
  config.memory = true;
  config.min_duration_ms = 0;
  config.output_dir = vigil_test::fresh_directory("vigil_profile_unlinked").string();
  for (int i = 0; i < 3; ++i) {
    vigil::configure_profiling(config);
    VIGIL_PROFILE_SECTION("unlinked");
  }
  vigil::set_report_handler(nullptr);
  REQUIRE(told.size() == 2);
  CHECK_THAT(told[0], Catch::Contains("-lprofiler"));
  CHECK_THAT(told[1], Catch::Contains("-ltcmalloc"));
  CHECK(vigil::profile_stats().errors == 6);
  CHECK(vigil::profile_stats().kept == 0);
}
