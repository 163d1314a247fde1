// Bad input everywhere: an empty or 1 MB span name, 10k attributes, NUL bytes, invalid
// UTF-8, NaN and infinities. Nothing crashes, every line of the OTLP file parses as JSON,
// and what could not be kept is visible: an empty name reads "unnamed", text over 8 KiB is
// cut there and told once.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "capture.hpp"
#include "files.hpp"
#include "vigil/runtime.hpp"

TEST_CASE("bad span input is exported as valid OTLP JSON", "[export][faults]") {
  const auto dir = vigil_test::fresh_directory("vigil_bad_input");
  const auto otlp = std::make_shared<vigil::OtlpFileExporter>((dir / "otlp.jsonl").string());
  vigil::add_exporter(otlp);
  vigil_test::Capture capture;
  std::vector<std::string> told;
  vigil::set_report_handler([&](const std::string& message) { told.push_back(message); });
  const std::string huge(1 << 20, 'n');
  const std::string nul("a\0b", 3);
  { vigil::Span empty(""); }
  { vigil::Span big(huge); }
  { vigil::Span nul_name(nul, {{"k\0ey", nul}}); }
  { vigil::Span invalid("caf\xC3\xA9 \xFF\xFE", {{"bytes", "\xC0\xAF\xED\xA0\x80"}}); }
  {
    vigil::Span numbers("numbers", {{"nan", std::nan("")},
                                    {"inf", std::numeric_limits<double>::infinity()},
                                    {"ninf", -std::numeric_limits<double>::infinity()}});
  }
  {
    vigil::Span many("many.attributes");
    for (int i = 0; i < 10000; ++i) many.set_attribute("a" + std::to_string(i), i);
  }
  vigil::flush();
  vigil::remove_exporter(otlp);
  vigil::set_report_handler(nullptr);

  const auto spans = capture.spans();
  CHECK(spans.size() == 6);
  std::size_t unnamed = 0, cut = 0;
  for (const auto& span : spans) {
    CHECK_FALSE(span.name.empty());
    unnamed += span.name == "unnamed";
    cut += span.name == huge.substr(0, 8192);
  }
  CHECK(unnamed == 1);
  CHECK(cut == 1);
  REQUIRE(told.size() == 1);
  CHECK_THAT(told[0], Catch::Contains("over 8 KiB was truncated"));

  std::istringstream lines(vigil_test::read_file(dir / "otlp.jsonl"));
  std::string line;
  std::size_t exported = 0;
  while (std::getline(lines, line)) {
    const auto json = nlohmann::json::parse(line, nullptr, false);
    REQUIRE_FALSE(json.is_discarded());
    for (const auto& resource : json["resourceSpans"])
      for (const auto& scope : resource["scopeSpans"]) exported += scope["spans"].size();
  }
  CHECK(exported == 6);
  const std::string text = vigil_test::read_file(dir / "otlp.jsonl");
  CHECK(text.find("a\\u0000b") != std::string::npos);
  CHECK(text.find("\xEF\xBF\xBD") != std::string::npos);
  CHECK(text.find("\"NaN\"") != std::string::npos);
  CHECK(text.find("\"-Infinity\"") != std::string::npos);
}
