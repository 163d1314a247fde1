// vigil/log/fmt.hpp: including it makes fmt format every message, with fmt's specs; a
// message fmt rejects falls back to the built-in formatter and is told once.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "capture.hpp"
#include "vigil/log/fmt.hpp"
#include "vigil/runtime.hpp"

using vigil_test::LogCapture;

TEST_CASE("fmt's format specs apply to positional values", "[log]") {
  LogCapture capture;
  const std::string name = "FD_FAN";
  VIGIL_LOG_INFO("GMM", "[{:>8}] {:08.3f} {:#x} {:<5}|", name, 3.14159, 255, true, {"field", 1});
  CHECK(capture.only().message == "[  FD_FAN] 0003.142 0xff true |");
}

TEST_CASE("a message fmt rejects is kept by the built-in formatter and told once", "[log]") {
  std::vector<std::string> told;
  vigil::set_report_handler([&told](const std::string& m) { told.push_back(m); });
  LogCapture capture;
  for (int i = 0; i < 3; ++i) VIGIL_LOG_INFO("GMM", "x={} y={}", i);
  const auto records = capture.records();  // delivered, so formatted, by now
  vigil::set_report_handler(nullptr);
  REQUIRE(records.size() == 3);
  CHECK(records[2].message == "x=2 y={}");
  REQUIRE(told.size() == 1);
  CHECK(told[0].find("fmt rejected it") != std::string::npos);
}
