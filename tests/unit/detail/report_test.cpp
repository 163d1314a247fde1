// vigil/detail/report.hpp: each problem told once, and a bounded memory of what was told
// however many distinct bad values arrive.
#include "vigil/detail/report.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

TEST_CASE("a problem is told once per key", "[detail][report]") {
  std::vector<std::string> told;
  vigil::set_report_handler([&told](const std::string& message) { told.push_back(message); });
  for (int i = 0; i < 3; ++i) vigil::detail::report_once("key", "bad value");
  vigil::detail::report_once("other", "another bad value");
  vigil::set_report_handler(nullptr);
  CHECK(told == std::vector<std::string>{"bad value", "another bad value"});
}

TEST_CASE("endless distinct problems are remembered up to a bound, then no longer told",
          "[detail][report]") {
  std::vector<std::string> told;
  vigil::set_report_handler([&told](const std::string& message) { told.push_back(message); });
  const std::size_t limit = vigil::detail::kMaxToldKeys;
  for (std::size_t i = 0; i < limit + 100; ++i)
    vigil::detail::report_once("VIGIL_LOG_LEVEL:" + std::to_string(i), "bad " + std::to_string(i));
  vigil::detail::report_once("VIGIL_LOG_LEVEL:0", "bad 0");  // still remembered: not again
  REQUIRE(told.size() == limit + 1);
  CHECK(told[limit - 1] == "bad " + std::to_string(limit - 1));
  CHECK(told[limit].find("further new ones are not") != std::string::npos);
  CHECK(vigil::detail::report_state().told.size() == limit);
  vigil::set_report_handler(nullptr);  // forgets: a fresh "once"
  CHECK(vigil::detail::report_state().told.empty());
}
