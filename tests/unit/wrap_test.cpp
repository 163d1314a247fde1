// vigil/wrap.hpp: traced/metered/timed keep the wrapped function's results, arguments and
// exceptions, and record spans and metrics by outcome, also for std::future results.
#include "vigil/wrap.hpp"

#include <catch2/catch.hpp>

#include <future>
#include <memory>
#include <stdexcept>
#include <string>

#include "capture.hpp"

namespace {

int twice(int x) {
  return 2 * x;
}

bool has_line(const std::string& text, const std::string& line) {
  return text.find(line + "\n") != std::string::npos;
}

}  // namespace

TEST_CASE("traced keeps results and arguments and records one span per call", "[wrap]") {
  vigil_test::Capture capture;
  auto fit = vigil::traced("wrap.fit", [](std::unique_ptr<int> owned, int& out) {
    out = *owned + 1;
    return *owned * 10;
  });
  int out = 0;
  CHECK(fit(std::make_unique<int>(4), out) == 40);
  CHECK(out == 5);
  auto reset = vigil::traced("wrap.reset", [&out] { out = 0; });
  reset();
  CHECK(out == 0);
  CHECK(capture.only("wrap.fit").status == vigil::StatusCode::unset);
  CHECK(capture.only("wrap.reset").name == "wrap.reset");
  CHECK(VIGIL_TRACED(twice)(21) == 42);
  CHECK(capture.only("twice").name == "twice");
}

TEST_CASE("traced rethrows the same exception and marks the span as an error", "[wrap]") {
  vigil_test::Capture capture;
  auto fail = vigil::traced("wrap.fail", [](int) -> double { throw std::domain_error("k > n"); });
  CHECK_THROWS_AS(fail(3), std::domain_error);
  const auto span = capture.only("wrap.fail");
  CHECK(span.status == vigil::StatusCode::error);
  CHECK(span.status_message == "k > n");
  REQUIRE(span.events.size() == 1);
  CHECK(span.events[0].name == "exception");
}

TEST_CASE("traced futures: the wait is a child span, ended when the result is taken", "[wrap]") {
  vigil_test::Capture capture;
  auto launch = vigil::traced(
      "wrap.job", [](int x) { return std::async(std::launch::async, [x] { return x + 1; }); });
  std::future<int> result = launch(1);
  CHECK(result.get() == 2);
  const auto call = capture.only("wrap.job");
  const auto wait = capture.only("wrap.job.wait");
  CHECK(wait.trace_id == call.trace_id);
  CHECK(wait.parent_span_id == call.span_id);
  CHECK(wait.status == vigil::StatusCode::unset);

  auto broken = vigil::traced("wrap.broken", [] {
    return std::async(std::launch::async, []() -> void { throw std::runtime_error("disk"); });
  });
  auto pending = broken();
  CHECK_THROWS_AS(pending.get(), std::runtime_error);
  CHECK(capture.only("wrap.broken").status == vigil::StatusCode::unset);
  CHECK(capture.only("wrap.broken.wait").status == vigil::StatusCode::error);
}

TEST_CASE("metered counts calls and latency by status, timed only latency", "[wrap]") {
  auto call = vigil::metered("wrap.tts-synthesize", [](bool fail) {
    if (fail) throw std::runtime_error("voice missing");
    return std::string("audio");
  });
  CHECK(call(false) == "audio");
  CHECK(call(false) == "audio");
  CHECK_THROWS_AS(call(true), std::runtime_error);
  auto load = vigil::timed("wrap.model.load", [] {});
  load();
  auto later = vigil::metered("wrap.later",
                              [] { return std::async(std::launch::deferred, [] { return 7; }); });
  auto seven = later();
  const std::string before = vigil::prometheus_text();
  CHECK_FALSE(has_line(before, "wrap_later_calls_total{status=\"ok\"} 1"));
  CHECK(seven.get() == 7);

  const std::string text = vigil::prometheus_text();
  CHECK(has_line(text, "wrap_tts_synthesize_calls_total{status=\"ok\"} 2"));
  CHECK(has_line(text, "wrap_tts_synthesize_calls_total{status=\"error\"} 1"));
  CHECK(has_line(text, "wrap_tts_synthesize_duration_seconds_count{status=\"error\"} 1"));
  CHECK(has_line(text, "wrap_model_load_duration_seconds_count 1"));
  CHECK(text.find("wrap_model_load_calls_total") == std::string::npos);
  CHECK(has_line(text, "wrap_later_calls_total{status=\"ok\"} 1"));
}
