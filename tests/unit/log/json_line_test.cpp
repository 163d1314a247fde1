// The JSON line: exact layout, escaping, reserved keys, context, and the Grafana
// derived-field regex.
#include <catch2/catch.hpp>

#include <regex>
#include <string>

#include "vigil/log/json_line.hpp"

namespace {

struct Fixture {
  vigil::Resource resource;
  vigil::AttributeList run{{"acm.equipment", std::string("FD_FAN")},
                           {"acm.equip_id", std::int64_t{7}},
                           {"acm.run_id", std::string("r42")}};
  vigil::RequestContext request;
  vigil::LogRecord record;

  Fixture() {
    resource.attributes = {{"service.name", std::string("acm-pipeline")},
                           {"service.namespace", std::string("acm")}};
    request.attributes = {{"session_id", std::string("s1")}};
    request.serial = 991;
    record.time_unix_ns = 1795362337123456789;  // 2026-11-22T15:45:37.123456789Z
    record.level = vigil::Level::warn;
    record.component = "GMM";
    record.message = "fitted";
    record.run_context = &run;
    record.resource = &resource;
  }

  std::string line() {
    std::string out;
    vigil::append_json_line(out, record);
    return out;
  }
};

}  // namespace

TEST_CASE("a record outside spans and requests", "[log]") {
  Fixture f;
  f.record.request = nullptr;
  CHECK(f.line() ==
        R"({"ts":"2026-11-22T15:45:37.123456789Z","level":"warn","component":"GMM",)"
        R"("message":"fitted","app":"acm","service":"acm-pipeline","equipment":"FD_FAN",)"
        R"("equip_id":7,"run_id":"r42"})"
        "\n");
}

TEST_CASE("fields, trace ids and the request context, in that order", "[log]") {
  Fixture f;
  const std::initializer_list<vigil::LogArg> args = {3, {"bic", -2.5}, {"ok", true}};
  f.record.args = args.begin();
  f.record.arg_count = args.size();
  f.record.trace_id = {0x0af7651916cd43dd, 0x8448eb211c80319c};
  f.record.span_id = {0xb7ad6b7169203331};
  f.record.request = &f.request;
  f.record.decoration = vigil::Decoration::ok;
  const std::string line = f.line();
  CHECK(line == R"({"ts":"2026-11-22T15:45:37.123456789Z","level":"warn","component":"GMM",)"
                R"("message":"fitted","ok":true,"bic":-2.5,"field.ok":true,)"
                R"("trace_id":"0af7651916cd43dd8448eb211c80319c","span_id":"b7ad6b7169203331",)"
                R"("app":"acm","service":"acm-pipeline","equipment":"FD_FAN","equip_id":7,)"
                R"("run_id":"r42","session_id":"s1"})"
                "\n");
  std::smatch match;
  REQUIRE(std::regex_search(line, match, std::regex(R"re("trace_id":"([a-f0-9]+)")re")));
  CHECK(match[1] == "0af7651916cd43dd8448eb211c80319c");
}

TEST_CASE("strings are escaped and invalid UTF-8 replaced", "[log]") {
  Fixture f;
  f.record.message = "quote \" back \\ tab \t bad \xff end";
  const std::initializer_list<vigil::LogArg> args = {{"we\"ird", "line\nbreak"}};
  f.record.args = args.begin();
  f.record.arg_count = args.size();
  const std::string line = f.line();
  CHECK(line.find(R"("message":"quote \" back \\ tab \t bad )"
                  "\xEF\xBF\xBD"
                  R"( end")") != std::string::npos);
  CHECK(line.find(R"("we\"ird":"line\nbreak")") != std::string::npos);
  CHECK(line.find('\n') == line.size() - 1);
}

TEST_CASE("a field named like a context key does not duplicate it", "[log]") {
  Fixture f;
  const std::initializer_list<vigil::LogArg> args = {{"run_id", "other"}};
  f.record.args = args.begin();
  f.record.arg_count = args.size();
  const std::string line = f.line();
  CHECK(line.find(R"("field.run_id":"other")") != std::string::npos);
  CHECK(line.find(R"("run_id":"r42")") != std::string::npos);
}

TEST_CASE("a new request context is rendered anew on the same thread", "[log]") {
  Fixture f;
  f.record.request = &f.request;
  CHECK(f.line().find(R"("session_id":"s1")") != std::string::npos);
  vigil::RequestContext other;
  other.attributes = {{"session_id", std::string("s2")}};
  other.serial = 992;
  f.record.request = &other;
  CHECK(f.line().find(R"("session_id":"s2")") != std::string::npos);
}
