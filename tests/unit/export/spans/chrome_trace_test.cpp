#include "vigil/export/spans/chrome_trace.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "capture.hpp"
#include "files.hpp"

TEST_CASE("the Chrome trace file is complete JSON after every flush", "[export]") {
  const std::string path = "chrome_trace_test.json";
  auto exporter = std::make_shared<vigil::ChromeTraceExporter>(path);
  vigil::add_exporter(exporter);
  {
    VIGIL_SPAN("pipeline.run", {"quote", "say \"hi\""});
    VIGIL_SPAN("fit.gmm", {"n_samples", 5000});
    vigil::current_span().add_event("converged", {{"iterations", 12}});
  }
  vigil::flush();
  const std::string first = vigil_test::read_file(path);
  CHECK(first.rfind("\n]}\n") == first.size() - 4);
  CHECK(first.find("\"name\":\"fit.gmm\",\"cat\":\"fit\"") != std::string::npos);
  CHECK(first.find("\"ph\":\"i\",\"s\":\"t\",\"name\":\"converged\"") != std::string::npos);
  CHECK(first.find("\"quote\":\"say \\\"hi\\\"\"") != std::string::npos);
  CHECK(first.find("\"n_samples\":5000") != std::string::npos);
  { VIGIL_SPAN("persist.scores"); }
  vigil::remove_exporter(exporter);
  const std::string second = vigil_test::read_file(path);
  CHECK(second.rfind("\n]}\n") == second.size() - 4);
  CHECK(second.find("persist.scores") != std::string::npos);
  CHECK(second.find("fit.gmm") != std::string::npos);
  std::remove(path.c_str());
}

TEST_CASE("an unwritable path is reported once and recording goes on", "[export]") {
  std::vector<std::string> told;
  vigil::set_report_handler([&told](const std::string& message) { told.push_back(message); });
  {
    vigil_test::Capture capture;
    auto broken = std::make_shared<vigil::ChromeTraceExporter>("/nonexistent-dir/trace.json");
    vigil::add_exporter(broken);
    { VIGIL_SPAN("write.somewhere"); }
    { VIGIL_SPAN("write.again"); }
    CHECK(capture.spans().size() == 2);
    vigil::remove_exporter(broken);
  }
  vigil::set_report_handler(nullptr);
  REQUIRE(told.size() == 1);
  CHECK(told[0].find("/nonexistent-dir/trace.json") != std::string::npos);
}
