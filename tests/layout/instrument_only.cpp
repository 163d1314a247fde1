// An instrumenting file as users write them: every macro, vigil::Span, metric handles, a
// component logger and the context hand-off, and nothing that sets telemetry up. The
// layout tests count its preprocessed lines with everything on and everything off.
#include <vigil/vigil.hpp>

int fit(int rows, double share) {
  VIGIL_SPAN("fit.gmm", {"n_samples", rows}, {"share", share});
  VIGIL_SPAN_FN();
  VIGIL_SPAN_SET_ATTRIBUTE("k", 3);
  VIGIL_SPAN_EVENT("converged");
  VIGIL_COUNTER_ADD("acm_rows_total", rows, {"stage", "fit"});
  VIGIL_GAUGE_SET("acm_share", share);
  VIGIL_HISTOGRAM_RECORD("acm_fit_seconds", 0.25, {"detector", "gmm"});
  VIGIL_LOG_TRACE("GMM", "trace {}", rows);
  VIGIL_LOG_DEBUG("GMM", "debug", {"rows", rows});
  VIGIL_LOG_INFO("GMM", "fitted {} rows", rows, {"share", share});
  VIGIL_LOG_WARN("GMM", "warn");
  VIGIL_LOG_ERROR("GMM", "error");
  VIGIL_LOG_OK("GMM", "ok");
  VIGIL_LOG_STATUS("GMM", "status");
  VIGIL_LOG_HEADER("GMM", "header");
  VIGIL_LOG_SECTION("GMM", "section");
  vigil::Span span("score.gmm", {{"rows", rows}});
  span.set_attribute("detector", "gmm");
  span.set_status(vigil::StatusCode::ok);
  const vigil::SpanContext handed = vigil::current_context();
  vigil::ContextScope scope(handed);
  const auto rows_total = vigil::counter("acm_rows_processed_total", {{"equipment", "FD_FAN"}});
  rows_total.add(rows);
  vigil::histogram("acm_score_seconds").record(0.5);
  vigil::component("RUN").info("{} rows", rows);
  vigil::flush();
  return rows;
}
