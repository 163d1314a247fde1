// Level names, parsing with aliases, and which decorations stay on the console.
#include <catch2/catch.hpp>

#include "vigil/log/level.hpp"
#include "vigil/log/level_names.hpp"

TEST_CASE("levels parse case-insensitively, with the usual aliases", "[log]") {
  CHECK(vigil::parse_level("TRACE") == vigil::Level::trace);
  CHECK(vigil::parse_level("Debug") == vigil::Level::debug);
  CHECK(vigil::parse_level("info") == vigil::Level::info);
  CHECK(vigil::parse_level("warning") == vigil::Level::warn);
  CHECK(vigil::parse_level("critical") == vigil::Level::error);
  CHECK(vigil::parse_level("none") == vigil::Level::off);
  CHECK_FALSE(vigil::parse_level("verbose"));
  CHECK_FALSE(vigil::parse_level(""));
  CHECK_FALSE(vigil::parse_level("inf"));
}

TEST_CASE("level names read back as the same level", "[log]") {
  for (int l = 0; l <= 5; ++l) {
    const auto level = static_cast<vigil::Level>(l);
    CHECK(vigil::parse_level(vigil::level_name(level)) == level);
  }
}

TEST_CASE("status, header and section are console-only, ok is shipped", "[log]") {
  CHECK_FALSE(vigil::console_only(vigil::Decoration::none));
  CHECK_FALSE(vigil::console_only(vigil::Decoration::ok));
  CHECK(vigil::console_only(vigil::Decoration::status));
  CHECK(vigil::console_only(vigil::Decoration::header));
  CHECK(vigil::console_only(vigil::Decoration::section));
}
