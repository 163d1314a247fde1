// The console layout: aligned columns, key=value fields, OK, rules, and colour codes only
// when asked.
#include <catch2/catch.hpp>

#include <regex>
#include <string>

#include "vigil/log/sinks/console_sink.hpp"

namespace {
std::string render(vigil::ConsoleSink& sink, const vigil::LogRecord& record) {
  std::string out;
  sink.format(record, out);
  return out;
}

vigil::LogRecord record(std::string_view message, vigil::Decoration d = vigil::Decoration::none) {
  vigil::LogRecord r;
  r.time_unix_ns = 1795362337123456789;
  r.level = vigil::Level::warn;
  r.component = "GMM";
  r.message = message;
  r.decoration = d;
  return r;
}
}  // namespace

TEST_CASE("a plain line has time, level, padded component, message and fields", "[log]") {
  vigil::ConsoleSink sink(stderr, vigil::Color::never);
  auto r = record("fitted");
  const std::initializer_list<vigil::LogArg> args = {{"bic", -2.5}, {"path", "a b"}, {"n", 5}};
  r.args = args.begin();
  r.arg_count = args.size();
  const std::string line = render(sink, r);
  CHECK(std::regex_match(line, std::regex(R"(\d\d:\d\d:\d\d\.123 WARN  GMM       fitted  )"
                                          R"(bic=-2\.5 path="a b" n=5\n)")));
}

TEST_CASE("ok, status and the rules", "[log]") {
  vigil::ConsoleSink sink(stderr, vigil::Color::never);
  CHECK(render(sink, record("saved", vigil::Decoration::ok)).find(" OK    GMM       saved\n") !=
        std::string::npos);
  CHECK(render(sink, record("busy", vigil::Decoration::status)).find("       GMM       busy\n") !=
        std::string::npos);
  const std::string header = render(sink, record("Scoring", vigil::Decoration::header));
  CHECK(header == "\n==== Scoring " + std::string(67, '=') + "\n");
  const std::string section = render(sink, record("Part", vigil::Decoration::section));
  CHECK(section == "---- Part " + std::string(70, '-') + "\n");
  CHECK(sink.console());
}

TEST_CASE("colours only when asked", "[log]") {
  vigil::ConsoleSink colored(stderr, vigil::Color::always);
  vigil::ConsoleSink plain(stderr, vigil::Color::never);
  CHECK(render(colored, record("x")).find("\x1b[33m") != std::string::npos);
  CHECK(render(plain, record("x")).find('\x1b') == std::string::npos);
}
