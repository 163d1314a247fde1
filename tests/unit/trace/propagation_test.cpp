#include "vigil/trace/propagation.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <unordered_map>

#include "capture.hpp"

using vigil_test::Capture;

TEST_CASE("inject then extract carries the context between processes' headers",
          "[trace][propagation]") {
  Capture capture;
  std::map<std::string, std::string> headers;
  vigil::SpanContext sent;
  {
    VIGIL_SPAN("fetch.remote");
    sent = vigil::current_context();
    vigil::inject(headers, sent, "vendor=opaque");
  }
  CHECK(headers.at("traceparent") ==
        "00-" + sent.trace_id.hex() + "-" + sent.span_id.hex() + "-01");
  std::unordered_map<std::string, std::string> received{{"TraceParent", headers.at("traceparent")},
                                                        {"TRACESTATE", headers.at("tracestate")}};
  std::string state;
  const auto context = vigil::extract(received, &state);
  REQUIRE(context);
  CHECK(context->trace_id == sent.trace_id);
  CHECK(context->span_id == sent.span_id);
  CHECK(context->remote);
  CHECK(state == "vendor=opaque");
  {
    vigil::ContextScope scope(*context);
    VIGIL_SPAN("pipeline.remote_child");
  }
  const auto child = capture.only("pipeline.remote_child");
  CHECK(child.trace_id == sent.trace_id);
  CHECK(child.parent_span_id == sent.span_id);
  CHECK(child.parent_remote);
}

TEST_CASE("extract falls back to b3 and rejects what it cannot parse", "[trace][propagation]") {
  std::map<std::string, std::string> b3{{"b3", "a3ce929d0e0e4736-00f067aa0ba902b7-1"}};
  const auto context = vigil::extract(b3);
  REQUIRE(context);
  CHECK(context->span_id.hex() == "00f067aa0ba902b7");
  std::map<std::string, std::string> broken{{"traceparent", "00-bad"},
                                            {"b3", "a3ce929d0e0e4736-00f067aa0ba902b7"}};
  CHECK_FALSE(vigil::extract(broken));  // a present but malformed traceparent wins
  std::map<std::string, std::string> out;
  vigil::inject_b3(out, *context);
  CHECK(out.at("b3") == "0000000000000000a3ce929d0e0e4736-00f067aa0ba902b7-1");
}

TEST_CASE("child_environment sets TRACEPARENT to the current span", "[trace][propagation]") {
  Capture capture;
  VIGIL_SPAN("pipeline.spawn");
  const auto context = vigil::current_context();
  int traceparents = 0;
  for (const auto& variable : vigil::child_environment()) {
    if (variable.rfind("TRACEPARENT=", 0) != 0) continue;
    ++traceparents;
    const auto parsed = vigil::parse_traceparent(variable.substr(12));
    REQUIRE(parsed);
    CHECK(parsed->span_id == context.span_id);
  }
  CHECK(traceparents == 1);
  CHECK(vigil::child_environment(vigil::SpanContext{}).size() > 0);
}
