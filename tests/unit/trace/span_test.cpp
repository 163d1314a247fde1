#include "vigil/trace/span.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "capture.hpp"

using vigil_test::attribute;
using vigil_test::Capture;

namespace {

void fit_model(int rows) {
  VIGIL_SPAN("fit.gmm", {"n_samples", rows}, {"n_features", 105});
  { VIGIL_SPAN("score.gmm"); }
}

void failing_stage() {
  VIGIL_SPAN("fusion.combine");
  throw std::invalid_argument("weights do not sum to one");
}

void named_after_me() {
  VIGIL_SPAN_FN();
}

}  // namespace

TEST_CASE("nested spans share the trace and point at their parent", "[trace]") {
  Capture capture;
  {
    VIGIL_SPAN("pipeline.run");
    fit_model(5000);
  }
  const auto run = capture.only("pipeline.run");
  const auto fit = capture.only("fit.gmm");
  const auto score = capture.only("score.gmm");
  CHECK_FALSE(run.parent_span_id.valid());
  CHECK(fit.parent_span_id == run.span_id);
  CHECK(score.parent_span_id == fit.span_id);
  CHECK(fit.trace_id == run.trace_id);
  CHECK(score.trace_id == run.trace_id);
  CHECK(run.span_id != fit.span_id);
  CHECK(run.start_unix_ns <= fit.start_unix_ns);
  CHECK(fit.end_unix_ns <= run.end_unix_ns);
  CHECK(score.duration_ns() >= 0);
}

TEST_CASE("separate roots start separate traces", "[trace]") {
  Capture capture;
  { VIGIL_SPAN("load.first"); }
  { VIGIL_SPAN("load.second"); }
  CHECK(capture.only("load.first").trace_id != capture.only("load.second").trace_id);
}

TEST_CASE("attributes keep their types, later values replace earlier ones", "[trace]") {
  Capture capture;
  {
    vigil::Span span("features.compute", {{"window", 3}, {"ratio", 0.25}, {"ok", true}});
    span.set_attribute("equipment", std::string("GAS_") + "TURBINE");  // a temporary
    span.set_attribute("window", 5);
    span.set_attribute(std::string(300, 'k'), "long key is truncated");
    span.set_attribute("long", std::string(1000, 'x'));
  }
  const auto span = capture.only("features.compute");
  CHECK(std::get<std::int64_t>(attribute(span.attributes, "window")) == 5);
  CHECK(std::get<double>(attribute(span.attributes, "ratio")) == 0.25);
  CHECK(std::get<bool>(attribute(span.attributes, "ok")));
  CHECK(std::get<std::string>(attribute(span.attributes, "equipment")) == "GAS_TURBINE");
  CHECK(std::get<std::string>(attribute(span.attributes, "long")) == std::string(1000, 'x'));
  CHECK(vigil::find(span.attributes, std::string(255, 'k')) != nullptr);
}

TEST_CASE("numeric attributes keep every key length, in place or not", "[trace]") {
  Capture capture;
  std::vector<std::string> keys;
  for (std::size_t length : {1, 2, 3, 4, 7, 8, 9, 15, 16, 17, 31, 32, 33, 39, 40, 41, 64}) {
    std::string key;
    for (std::size_t i = 0; i < length; ++i) key += static_cast<char>('a' + (i * 7 + length) % 26);
    keys.push_back(key);
  }
  {
    VIGIL_SPAN("fit.keys", {"n", 1}, {"ratio", -0.5});
    for (std::size_t i = 0; i < keys.size(); ++i) {
      vigil::current_span().set_attribute(keys[i], static_cast<std::int64_t>(i) - 3);
    }
    vigil::current_span().add_event("fitted", {{keys.back(), 2.5}, {"k", 4}});
  }
  const auto span = capture.only("fit.keys");
  CHECK(span.attributes.size() == keys.size() + 2);
  CHECK(std::get<std::int64_t>(attribute(span.attributes, "n")) == 1);
  CHECK(std::get<double>(attribute(span.attributes, "ratio")) == -0.5);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    INFO("key of " << keys[i].size() << " bytes");
    CHECK(std::get<std::int64_t>(attribute(span.attributes, keys[i])) ==
          static_cast<std::int64_t>(i) - 3);
  }
  REQUIRE(span.events.size() == 1);
  CHECK(std::get<double>(attribute(span.events[0].attributes, keys.back())) == 2.5);
  CHECK(std::get<std::int64_t>(attribute(span.events[0].attributes, "k")) == 4);
}

TEST_CASE("kind comes from the name prefix, unless overridden", "[trace]") {
  Capture capture;
  { VIGIL_SPAN("load.data"); }
  { VIGIL_SPAN("fit.ar1"); }
  { VIGIL_SPAN("pipeline.run"); }
  { VIGIL_SPAN("features.compute"); }
  { VIGIL_SPAN("fusion.tune_weights"); }
  { VIGIL_SPAN("mystery.op"); }
  {
    vigil::Span span("fit.remote");
    span.set_kind(vigil::SpanKind::client);
  }
  vigil::set_kind_for_prefix("render", vigil::SpanKind::producer);
  { VIGIL_SPAN("render.frame"); }
  CHECK(capture.only("load.data").kind == vigil::SpanKind::client);
  CHECK(capture.only("fit.ar1").kind == vigil::SpanKind::internal);
  CHECK(capture.only("pipeline.run").kind == vigil::SpanKind::server);
  CHECK(capture.only("features.compute").kind == vigil::SpanKind::producer);
  CHECK(capture.only("fusion.tune_weights").kind == vigil::SpanKind::consumer);
  CHECK(capture.only("mystery.op").kind == vigil::SpanKind::internal);
  CHECK(capture.only("fit.remote").kind == vigil::SpanKind::client);
  CHECK(capture.only("render.frame").kind == vigil::SpanKind::producer);
}

TEST_CASE("a span left by an exception is ERROR with the exception's type and message", "[trace]") {
  Capture capture;
  {
    VIGIL_SPAN("pipeline.run");
    CHECK_THROWS_AS(failing_stage(), std::invalid_argument);
  }
  const auto failed = capture.only("fusion.combine");
  CHECK(failed.status == vigil::StatusCode::error);
  CHECK(failed.status_message == "weights do not sum to one");
  REQUIRE(failed.events.size() == 1);
  CHECK(failed.events[0].name == "exception");
  CHECK(std::get<std::string>(attribute(failed.events[0].attributes, "exception.type")) ==
        "std::invalid_argument");
  CHECK(std::get<std::string>(attribute(failed.events[0].attributes, "exception.message")) ==
        "weights do not sum to one");
  // The exception was caught below the outer span: it ended normally.
  CHECK(capture.only("pipeline.run").status == vigil::StatusCode::unset);
}

TEST_CASE("events, status and record_exception", "[trace]") {
  Capture capture;
  {
    vigil::Span span("fetch.batch");
    span.add_event("retry", {{"attempt", 2}});
    span.record_exception(std::runtime_error("timeout"));
    span.set_status(vigil::StatusCode::ok);
  }
  const auto span = capture.only("fetch.batch");
  REQUIRE(span.events.size() == 2);
  CHECK(span.events[0].name == "retry");
  CHECK(std::get<std::int64_t>(attribute(span.events[0].attributes, "attempt")) == 2);
  CHECK(span.events[0].time_unix_ns >= span.start_unix_ns);
  CHECK(span.events[0].time_unix_ns <= span.end_unix_ns);
  CHECK(std::get<std::string>(attribute(span.events[1].attributes, "exception.type")) ==
        "std::runtime_error");
  CHECK(span.status == vigil::StatusCode::ok);
}

TEST_CASE("VIGIL_SPAN_FN names the span after the function and records the site", "[trace]") {
  Capture capture;
  named_after_me();
  const auto span = capture.only("named_after_me");
  REQUIRE(span.site != nullptr);
  CHECK(std::string(span.site->file).find("span_test.cpp") != std::string::npos);
  CHECK(span.site->line > 0);
}

TEST_CASE("current_span reaches the innermost span, macros set attributes and events", "[trace]") {
  Capture capture;
  {
    VIGIL_SPAN("regimes.fit");
    VIGIL_SPAN_SET_ATTRIBUTE("k", 4);
    VIGIL_SPAN_EVENT("converged");
  }
  VIGIL_SPAN_SET_ATTRIBUTE("nowhere", 1);  // no live span: ignored
  const auto span = capture.only("regimes.fit");
  CHECK(std::get<std::int64_t>(attribute(span.attributes, "k")) == 4);
  REQUIRE(span.events.size() == 1);
  CHECK(span.events[0].name == "converged");
}

TEST_CASE("end() closes a span early, once", "[trace]") {
  Capture capture;
  {
    VIGIL_SPAN("pipeline.run");
    vigil::Span early("load.data");
    early.end();
    early.end();
    { VIGIL_SPAN("fit.pca"); }
  }
  const auto run = capture.only("pipeline.run");
  CHECK(capture.only("load.data").parent_span_id == run.span_id);
  CHECK(capture.only("fit.pca").parent_span_id == run.span_id);
}

TEST_CASE("with tracing switched off at run time nothing is recorded", "[trace]") {
  Capture capture;
  vigil::set_tracing_enabled(false);
  {
    vigil::Span span("load.off");
    CHECK_FALSE(span.is_recording());
    CHECK_FALSE(vigil::current_context().valid());
  }
  vigil::set_tracing_enabled(true);
  { VIGIL_SPAN("load.on"); }
  const auto spans = capture.spans();
  REQUIRE(spans.size() == 1);
  CHECK(spans[0].name == "load.on");
}

TEST_CASE("an empty span name is exported as unnamed, and says so", "[span]") {
  vigil_test::Capture capture;
  { vigil::Span span(""); }
  const auto span = capture.only("unnamed");
  const auto* missing = vigil::find(span.attributes, "vigil.name_missing");
  REQUIRE(missing != nullptr);
  CHECK(std::get<bool>(*missing));
}
