// The built-in `{}` formatter: values, escapes, double precision, and bad input kept.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "vigil/detail/report.hpp"
#include "vigil/log/format.hpp"

namespace {
std::string format(std::string_view pattern, std::initializer_list<vigil::LogArg> args) {
  std::string out;
  vigil::detail::builtin_format(out, pattern, args.begin(), args.size());
  return out;
}
}  // namespace

TEST_CASE("placeholders take the positional values in order, skipping fields", "[log]") {
  const std::string name = "FD_FAN";
  CHECK(format("k={} on {} ok={} z={}", {3, {"field", 1}, name, true, 0.1}) ==
        "k=3 on FD_FAN ok=true z=0.1");
  CHECK(format("{}{}", {-9223372036854775807LL - 1, 1e300}) == "-92233720368547758081e+300");
  CHECK(format("plain", {}) == "plain");
}

TEST_CASE("doubled braces are literal braces", "[log]") {
  CHECK(format("{{}} {{{}}}", {7}) == "{} {7}");
}

TEST_CASE("doubles take a precision", "[log]") {
  CHECK(format("{:.3f} {:.2e} {:.4g}", {3.14159, 12345.678, 0.000123456}) ==
        "3.142 1.23e+04 0.0001235");
}

TEST_CASE("mistakes keep the record and are told once per message", "[log]") {
  std::vector<std::string> told;
  vigil::set_report_handler([&told](const std::string& m) { told.push_back(m); });
  CHECK(format("a={} b={}", {1}) == "a=1 b={}");
  CHECK(format("a={} b={}", {2}) == "a=2 b={}");
  CHECK(format("a={}", {1, 2, "three"}) == "a=1 2 three");
  CHECK(format("w={:>8}", {5}) == "w=5");
  CHECK(format("{:.2f}", {"text"}) == "text");
  vigil::set_report_handler(nullptr);
  REQUIRE(told.size() == 4);
  CHECK(told[0].find("more {} than arguments") != std::string::npos);
  CHECK(told[1].find("more arguments than {}") != std::string::npos);
  CHECK(told[2].find("vigil/log/fmt.hpp") != std::string::npos);
}

TEST_CASE("a lone brace is text", "[log]") {
  CHECK(format("set {a", {}) == "set {a");
  CHECK(format("x } y", {}) == "x } y");
}
