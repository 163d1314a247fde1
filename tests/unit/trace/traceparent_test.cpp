#include "vigil/trace/traceparent.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace {
const std::string kTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
const std::string kSpan = "00f067aa0ba902b7";
}  // namespace

TEST_CASE("valid traceparent headers parse", "[trace][propagation]") {
  const auto sampled = vigil::parse_traceparent("00-" + kTrace + "-" + kSpan + "-01");
  REQUIRE(sampled);
  CHECK(sampled->trace_id.hex() == kTrace);
  CHECK(sampled->span_id.hex() == kSpan);
  CHECK(sampled->sampled);
  CHECK_FALSE(vigil::parse_traceparent("00-" + kTrace + "-" + kSpan + "-00")->sampled);
  // A later version may carry more fields after a dash.
  CHECK(vigil::parse_traceparent("01-" + kTrace + "-" + kSpan + "-01-extra"));
  CHECK(vigil::format_traceparent(sampled->trace_id, sampled->span_id, true) ==
        "00-" + kTrace + "-" + kSpan + "-01");
}

TEST_CASE("malformed traceparent headers are rejected", "[trace][propagation]") {
  const std::string bad[] = {
      "ff-" + kTrace + "-" + kSpan + "-01",                    // forbidden version
      "00-00000000000000000000000000000000-" + kSpan + "-01",  // zero trace id
      "00-" + kTrace + "-0000000000000000-01",                 // zero span id
      "00-" + kTrace.substr(1) + "-" + kSpan + "-01",          // short trace id
      "00-" + kTrace + "-" + kSpan.substr(1) + "-01",          // short span id
      "00-4BF92F3577B34DA6A3CE929D0E0E4736-" + kSpan + "-01",  // upper-case hex
      "00-" + kTrace + "-00F067AA0BA902B7-01",                 // upper-case span
      "00-" + kTrace + "-" + kSpan + "-01-extra",              // extra field in 00
      "01-" + kTrace + "-" + kSpan + "-01extra",               // no dash before more
      "00-" + kTrace + "-" + kSpan + "-0g",                    // bad flags
      "0-" + kTrace + "-" + kSpan + "-01",                     // short version
      "00_" + kTrace + "-" + kSpan + "-01",                    // wrong separator
      "",
  };
  for (const auto& header : bad) {
    INFO(header);
    CHECK_FALSE(vigil::parse_traceparent(header));
  }
}

TEST_CASE("tracestate lists are validated member by member", "[trace][propagation]") {
  CHECK(vigil::valid_tracestate("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"));
  CHECK(vigil::valid_tracestate("tenant@vendor=abc, other=x "));
  CHECK(vigil::valid_tracestate(""));
  CHECK_FALSE(vigil::valid_tracestate("Upper=1"));
  CHECK_FALSE(vigil::valid_tracestate("novalue"));
  CHECK_FALSE(vigil::valid_tracestate("k=a=b"));
  std::string many;
  for (int i = 0; i < 33; ++i) many += "k" + std::to_string(i) + "=v,";
  CHECK_FALSE(vigil::valid_tracestate(many));
}

TEST_CASE("B3 single headers parse, with 64- or 128-bit trace ids", "[trace][propagation]") {
  const auto full = vigil::parse_b3(kTrace + "-" + kSpan + "-0-05e3ac9a4f6e3b90");
  REQUIRE(full);
  CHECK(full->trace_id.hex() == kTrace);
  CHECK_FALSE(full->sampled);
  const auto short_id = vigil::parse_b3("a3ce929d0e0e4736-" + kSpan);
  REQUIRE(short_id);
  CHECK(short_id->trace_id.hex() == "0000000000000000a3ce929d0e0e4736");
  CHECK(short_id->sampled);
  CHECK(vigil::parse_b3(kTrace + "-" + kSpan + "-d"));
  CHECK_FALSE(vigil::parse_b3("0"));
  CHECK_FALSE(vigil::parse_b3(kTrace + "-" + kSpan + "-x"));
  CHECK_FALSE(vigil::parse_b3(kTrace + "-" + kSpan + "-1-zz"));
  CHECK(vigil::format_b3(full->trace_id, full->span_id, true) == kTrace + "-" + kSpan + "-1");
}
