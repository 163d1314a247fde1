// Every public class, member and free function of the facade (vigil/vigil.hpp) and of the
// set-up API's headers that have compiled-out twins, used once, in a binary built once per
// switch set: everything on, everything off, and each signal off alone. A no-op twin that
// falls behind its real class fails to compile here; check_api_surface.py fails when a public
// name of those headers is missing from this file. With its signal on, each call's effect is
// checked through the runtime; off, its neutral answer.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <stdexcept>
#include <string>

#include "vigil/metrics/snapshot.hpp"
#include "vigil/profile/gperftools.hpp"
#include "vigil/runtime.hpp"
#include "vigil/vigil.hpp"

namespace {

constexpr bool kTracing = VIGIL_DETAIL_TRACING_ON;
constexpr bool kMetrics = VIGIL_DETAIL_METRICS_ON;
constexpr bool kLogging = VIGIL_DETAIL_LOGGING_ON;

struct Runtime {
  std::shared_ptr<vigil::MemoryExporter> spans = std::make_shared<vigil::MemoryExporter>();
  std::shared_ptr<vigil::MemoryLogSink> logs = std::make_shared<vigil::MemoryLogSink>(true);
  Runtime() {
    vigil::add_exporter(spans);
    vigil::set_log_delivery(vigil::LogDelivery::background);
    vigil::set_log_sinks({logs});
  }
  ~Runtime() {
    vigil::remove_exporter(spans);
    vigil::set_log_sinks({});
  }
};

}  // namespace

TEST_CASE("vigil::Span: every member", "[api]") {
  Runtime runtime;
  const vigil::SpanContext linked{};
  {
    vigil::Span span("fit.gmm", {{"n_samples", 5000}, {"share", 0.5}});
    CHECK(span.is_recording() == kTracing);
    CHECK(span.context().valid() == kTracing);
    CHECK(span.context().trace_id.valid() == kTracing);
    CHECK(span.context().span_id.valid() == kTracing);
    span.set_attribute("k", 3);
    span.set_attributes({{"a", true}, {"b", "text"}});
    span.add_event("converged");
    span.add_event("step", {{"iteration", 12}});
    span.add_link(linked);
    span.add_link(linked, {{"why", "batch"}});
    span.set_status(vigil::StatusCode::error);
    span.set_status(vigil::StatusCode::error, "diverged");
    span.record_exception(std::runtime_error("diverged"));
    span.set_kind(vigil::SpanKind::client);
    if (kTracing) CHECK(&vigil::current_span() == &span);
    span.end();
    span.end();
  }
  vigil::flush();
  CHECK(runtime.spans->spans().size() == (kTracing ? 1u : 0u));
}

TEST_CASE("contexts: current_context, ContextScope, current_span", "[api]") {
  Runtime runtime;
  vigil::SpanContext outer;
  {
    VIGIL_SPAN("pipeline.run");
    outer = vigil::current_context();
    CHECK(outer.valid() == kTracing);
  }
  {
    vigil::ContextScope scope(outer);
    CHECK(vigil::current_context().span_id.value == outer.span_id.value);
    vigil::current_span().set_attribute("ignored", 1);
    CHECK_FALSE(vigil::current_span().is_recording());
  }
  CHECK_FALSE(vigil::current_context().valid());
}

TEST_CASE("span macros", "[api]") {
  Runtime runtime;
  {
    VIGIL_SPAN("fit.gmm", {"n_samples", 5000}, {"n_features", 105});
    VIGIL_SPAN_FN();
    VIGIL_SPAN_SET_ATTRIBUTE("k", 3);
    VIGIL_SPAN_EVENT("converged");
  }
  vigil::flush();
  CHECK(runtime.spans->spans().size() == (kTracing ? 2u : 0u));
  const vigil::TraceStats stats = vigil::stats();
  CHECK(stats.spans_created >= (kTracing ? 2u : 0u));
  if (!kTracing) CHECK(stats.spans_created == 0);
}

TEST_CASE("metric handles: every member", "[api]") {
  const vigil::Counter rows = vigil::counter("api_rows_total", {{"stage", "fit"}}, "Rows.");
  rows.add(5000);
  rows.add(0.5);
  rows.inc();
  CHECK(rows.value() == (kMetrics ? 5001.5 : 0.0));
  const vigil::UpDownCounter open = vigil::updown_counter("api_open", {{"pool", "a"}}, "Open.");
  open.add(3);
  open.add(-1.0);
  CHECK(open.value() == (kMetrics ? 2.0 : 0.0));
  const vigil::Gauge share = vigil::gauge("api_share", {{"k", "v"}}, "Share.");
  share.set(0.25);
  share.add(0.5);
  CHECK(share.value() == (kMetrics ? 0.75 : 0.0));
  const vigil::Histogram latency = vigil::histogram("api_seconds", {{"detector", "gmm"}});
  latency.record(0.012);
  latency.record(0.020, vigil::Exemplar{});
  CHECK(latency.snapshot().count == (kMetrics ? 2u : 0u));
  CHECK(vigil::counter("api_plain_total").value() == 0);
}

TEST_CASE("metric macros", "[api]") {
  for (int i = 0; i < 2; ++i) {
    VIGIL_COUNTER_ADD("api_macro_total", 2, {"stage", "fit"});
    VIGIL_GAUGE_SET("api_macro_gauge", 7.0);
    VIGIL_HISTOGRAM_RECORD("api_macro_seconds", 0.5, {"detector", "pca"});
  }
  CHECK(vigil::counter("api_macro_total", {{"stage", "fit"}}).value() == (kMetrics ? 4.0 : 0.0));
  CHECK(vigil::gauge("api_macro_gauge").value() == (kMetrics ? 7.0 : 0.0));
}

TEST_CASE("vigil::Component: every member", "[api]") {
  Runtime runtime;
  const vigil::Component log = vigil::component("GMM");
  CHECK(std::string(log.name()) == (kLogging ? "GMM" : ""));
  CHECK(log.enabled(vigil::Level::error) == kLogging);
  log.trace("trace {}", 1);
  log.debug("debug", {"k", 2});
  log.info("info {}", 3, {"k", 4});
  log.warn("warn");
  log.error("error");
  log.ok("ok");
  log.status("status");
  log.header("header");
  log.section("section");
  vigil::flush_logs();
  vigil::set_log_level("GMM", vigil::Level::trace);
  log.trace("now shown");
  vigil::flush_logs();
  CHECK(runtime.logs->records().size() >= (kLogging ? 8u : 0u));
  if (!kLogging) CHECK(runtime.logs->records().empty());
}

TEST_CASE("log macros", "[api]") {
  Runtime runtime;
  vigil::set_log_level(vigil::Level::trace);
  VIGIL_LOG_TRACE("RUN", "trace {}", 1);
  VIGIL_LOG_DEBUG("RUN", "debug", {"k", 2});
  VIGIL_LOG_INFO("RUN", "info {}", 3, {"k", 4});
  VIGIL_LOG_WARN("RUN", "warn");
  VIGIL_LOG_ERROR("RUN", "error");
  VIGIL_LOG_OK("RUN", "ok");
  VIGIL_LOG_STATUS("RUN", "status");
  VIGIL_LOG_HEADER("RUN", "header");
  VIGIL_LOG_SECTION("RUN", "section");
  vigil::flush_logs();
  CHECK(runtime.logs->records().size() == (kLogging ? 9u : 0u));
  vigil::reset_log_levels();
}

TEST_CASE("flush and shutdown end every signal, and tracing starts again", "[api]") {
  vigil::flush();
  vigil::flush_logs();
  vigil::shutdown();
  Runtime runtime;
  { VIGIL_SPAN("fit.after_shutdown"); }
  vigil::flush();
  CHECK(runtime.spans->spans().size() == (kTracing ? 1u : 0u));
}

TEST_CASE("the set-up API: exporters, sinks, contexts, propagation, profiling", "[api]") {
  vigil::configure(vigil::TraceOptions{});
  vigil::set_tracing_enabled(true);
  vigil::set_kind_for_prefix("acm", vigil::SpanKind::server);
  vigil::set_thread_name("api-surface");
  vigil::set_global_attribute("service.version", "1.2.3");
  CHECK(vigil::resource() != nullptr);
  vigil::set_run_context({{"acm.equipment", "FD_FAN"}});
  auto exporter = std::make_shared<vigil::MemoryExporter>();
  vigil::add_exporter(exporter);
  auto extra = std::make_shared<vigil::MemoryLogSink>();
  vigil::set_log_sinks({});
  vigil::add_log_sink(extra);
  CHECK(vigil::log_sinks().size() == 1);
  std::map<std::string, std::string> headers;
  {
    vigil::RunContextScope run({{"acm.run_id", "r42"}});
    vigil::RequestScope request({{"request_id", "q1"}});
    CHECK((vigil::current_request() != nullptr) == kLogging);
    VIGIL_SPAN("acm.handle");
    CHECK(vigil::buffer_fill() < 1.0);
    vigil::inject(headers);
    vigil::inject_b3(headers);
    CHECK(headers.count("traceparent") == (kTracing ? 1u : 0u));
    std::size_t traceparents = 0;
    for (const std::string& entry : vigil::child_environment())
      traceparents += entry.rfind("TRACEPARENT=", 0) == 0;
    CHECK(traceparents == (kTracing ? 1u : 0u));
    auto work = vigil::bind_context([] { return vigil::current_context().valid(); });
    CHECK(work() == kTracing);
    VIGIL_LOG_INFO("RUN", "handled");
  }
  const auto extracted = vigil::extract(headers);
  CHECK(extracted.has_value() == kTracing);
  CHECK_FALSE(vigil::context_from_environment().has_value());
  vigil::remove_log_sink(extra);
  CHECK(vigil::log_sinks().empty());
  CHECK(extra->records().size() == (kLogging ? 1u : 0u));
  vigil::remove_exporter(exporter);
  CHECK(exporter->spans().size() == (kTracing ? 1u : 0u));
  if (kTracing) CHECK(exporter->spans()[0].kind == vigil::SpanKind::server);

  VIGIL_PROFILE_SECTION("fit.section");
  const vigil::ProfileSection section("fit.gmm");
  CHECK_FALSE(section.cpu_profiling());  // ENABLE_PROFILING unset: nothing profiles
  CHECK_FALSE(section.heap_profiling());
  CHECK(section.stem().empty());
  CHECK(vigil::profile_stats().kept == 0);
}
