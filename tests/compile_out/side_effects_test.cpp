// Built with VIGIL_ENABLED=0: every macro must vanish without evaluating its arguments, and
// the API must still compile as empty no-ops.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include "vigil/runtime.hpp"

static_assert(!VIGIL_DETAIL_TRACING_ON, "this test must be built with VIGIL_ENABLED=0");

// External linkage: used only inside vanished macros, they must not warn as unused.
int evaluations = 0;
int touch() {
  return ++evaluations;
}
const char* name_with_side_effect() {
  ++evaluations;
  return "fit.never";
}
[[noreturn]] int explode() {
  throw std::logic_error("argument evaluated");
}

TEST_CASE("compiled-out macros evaluate none of their arguments", "[compile_out]") {
  VIGIL_SPAN(name_with_side_effect(), {"n", touch()}, {"boom", explode()});
  VIGIL_SPAN("fit.gmm", {"n_samples", touch()});
  VIGIL_SPAN_FN();
  VIGIL_SPAN_SET_ATTRIBUTE(name_with_side_effect(), explode());
  VIGIL_SPAN_EVENT(name_with_side_effect());
  VIGIL_COUNTER_ADD(name_with_side_effect(), touch(), {"k", name_with_side_effect()});
  VIGIL_GAUGE_SET("g", explode());
  VIGIL_HISTOGRAM_RECORD("h", touch());
  VIGIL_LOG_TRACE(name_with_side_effect(), "{}", touch());
  VIGIL_LOG_DEBUG("GMM", name_with_side_effect(), {"k", explode()});
  VIGIL_LOG_INFO("GMM", "x={}", explode());
  VIGIL_LOG_WARN("GMM", "x", {"k", touch()});
  VIGIL_LOG_ERROR("GMM", name_with_side_effect());
  VIGIL_LOG_OK("RUN", "{}", explode());
  VIGIL_LOG_STATUS("RUN", "{}", touch());
  VIGIL_LOG_HEADER("RUN", name_with_side_effect());
  VIGIL_LOG_SECTION("RUN", "{}", explode());
  CHECK(evaluations == 0);
}

// Built with -Wall -Wextra -Werror: locals and a parameter named only by compiled-out
// macros must not warn as unused, or switching vigil off would break such builds.
int only_instrumented(const char* phase) {
  const int rows = touch();
  const double share = 0.5;
  VIGIL_SPAN(phase, {"rows", rows});
  VIGIL_LOG_INFO("RUN", "{} rows", rows, {"share", share});
  VIGIL_COUNTER_ADD("rows_total", rows);
  return 1;
}

TEST_CASE("names used only by compiled-out macros count as used", "[compile_out]") {
  CHECK(only_instrumented("features.train") == 1);
  CHECK(evaluations == 1);
  evaluations = 0;
}

TEST_CASE("the API compiles to empty no-ops", "[compile_out]") {
  static_assert(sizeof(vigil::Span) == 1, "an off span holds nothing");
  vigil::add_exporter(std::make_shared<vigil::MemoryExporter>());
  vigil::Span span("load.data", {{"rows", 10}});
  span.set_attribute("k", "v");
  span.add_event("e");
  span.set_status(vigil::StatusCode::error, "x");
  span.record_exception(std::runtime_error("x"));
  CHECK_FALSE(span.is_recording());
  CHECK_FALSE(vigil::current_context().valid());
  vigil::ContextScope scope(vigil::current_context());
  vigil::RunContextScope run({{"acm.equipment", "FD_FAN"}});
  vigil::flush();
  vigil::shutdown();
  vigil::counter("compiled_out_total").add(1);
  vigil::histogram("compiled_out_seconds").record(1.0);
  CHECK(vigil::counter("compiled_out_total").value() == 0);
  CHECK(vigil::prometheus_text().empty());
  static_assert(sizeof(vigil::Component) == 1, "an off component holds nothing");
  auto sink = std::make_shared<vigil::MemoryLogSink>(true);
  vigil::set_log_sinks({sink});
  const auto log = vigil::component("RUN");
  log.info("a {}", 1, {"k", 2});
  log.error("b");
  log.header("c");
  CHECK_FALSE(log.enabled(vigil::Level::error));
  vigil::RequestScope request({{"session_id", "s"}});
  CHECK(vigil::current_request() == nullptr);
  CHECK(sink->records().empty());
  vigil::flush_logs();
  const auto stats = vigil::stats();
  CHECK(stats.spans_created == 0);
  CHECK(stats.spans_exported == 0);
}
