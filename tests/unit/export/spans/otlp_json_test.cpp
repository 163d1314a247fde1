#include "vigil/export/spans/otlp_json.hpp"

#include <catch2/catch.hpp>

#include <limits>
#include <string>

namespace {
vigil::SpanData sample_span() {
  static const vigil::SourceSite site{"fit.gmm", "fit", "fit.cpp", 42};
  vigil::SpanData span;
  span.trace_id = {0x4bf92f3577b34da6, 0xa3ce929d0e0e4736};
  span.span_id = {0x00f067aa0ba902b7};
  span.parent_span_id = {0x1111111111111111};
  span.parent_remote = true;
  span.name = "fit.gmm";
  span.kind = vigil::SpanKind::internal;
  span.start_unix_ns = 1700000000000000001;
  span.end_unix_ns = 1700000000000000999;
  span.status = vigil::StatusCode::error;
  span.status_message = "singular";
  span.attributes = {{"n", std::int64_t{-5}}, {"acm.equipment", std::string("override")}};
  span.run_context = std::make_shared<vigil::AttributeList>(
      vigil::AttributeList{{"acm.equipment", std::string("FD_FAN")},
                           {"ratio", std::numeric_limits<double>::infinity()}});
  span.thread = std::make_shared<vigil::ThreadInfo>(vigil::ThreadInfo{77, "worker"});
  span.site = &site;
  span.events.push_back({"retry", 1700000000000000500, {{"attempt", true}}});
  span.links.push_back({{1, 2}, {3}, {}});
  return span;
}
}  // namespace

TEST_CASE("OTLP/JSON spans: hex ids, string times, integer enums, typed values", "[export][otlp]") {
  std::string out;
  vigil::append_otlp_trace_request(out, {sample_span()}, {{{"service.name", std::string("acm")}}});
  CHECK(out.rfind(
            "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\","
            "\"value\":{\"stringValue\":\"acm\"}}]},\"scopeSpans\":[{\"scope\":{\"name\":\"vigil\"",
            0) == 0);
  CHECK(out.find(
            "\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"spanId\":\"00f067aa0ba902b7\","
            "\"parentSpanId\":\"1111111111111111\",\"flags\":769,\"name\":\"fit.gmm\",\"kind\":1,"
            "\"startTimeUnixNano\":\"1700000000000000001\",\"endTimeUnixNano\":"
            "\"1700000000000000999\"") != std::string::npos);
  CHECK(out.find("{\"key\":\"n\",\"value\":{\"intValue\":\"-5\"}}") != std::string::npos);
  // The span's own value wins over the run context's for the same key.
  CHECK(out.find("\"stringValue\":\"override\"") != std::string::npos);
  CHECK(out.find("FD_FAN") == std::string::npos);
  CHECK(out.find("{\"key\":\"ratio\",\"value\":{\"doubleValue\":\"Infinity\"}}") !=
        std::string::npos);
  CHECK(out.find("{\"key\":\"code.lineno\",\"value\":{\"intValue\":\"42\"}}") != std::string::npos);
  CHECK(out.find("{\"key\":\"thread.name\",\"value\":{\"stringValue\":\"worker\"}}") !=
        std::string::npos);
  CHECK(out.find("\"events\":[{\"name\":\"retry\",\"timeUnixNano\":\"1700000000000000500\","
                 "\"attributes\":[{\"key\":\"attempt\",\"value\":{\"boolValue\":true}}]}]") !=
        std::string::npos);
  CHECK(out.find("\"links\":[{\"traceId\":\"00000000000000010000000000000002\",\"spanId\":"
                 "\"0000000000000003\","
                 "\"attributes\":[]}]") != std::string::npos);
  CHECK(out.find("\"status\":{\"code\":2,\"message\":\"singular\"}}") != std::string::npos);
}

TEST_CASE("a root span has no parentSpanId and an unset status has no message", "[export][otlp]") {
  auto span = sample_span();
  span.parent_span_id = {};
  span.parent_remote = false;
  span.status = vigil::StatusCode::unset;
  span.status_message.clear();
  std::string out;
  vigil::detail::append_otlp_span(out, span);
  CHECK(out.find("parentSpanId") == std::string::npos);
  CHECK(out.find("\"flags\":257") != std::string::npos);
  CHECK(out.find("\"status\":{\"code\":0}") != std::string::npos);
}
