#include <catch2/catch.hpp>

#include <memory>

#include "capture.hpp"
#include "vigil/app/stage_histogram.hpp"
#include "vigil/runtime.hpp"

TEST_CASE("with the stage histogram on, every exported span feeds acm_stage_duration_seconds",
          "[app][metrics][trace]") {
  vigil_test::Capture capture;
  const auto stages = std::make_shared<vigil::StageHistogramExporter>();
  vigil::add_exporter(stages);
  vigil::RunContextScope run({{"acm.equipment", "GAS_TURBINE"}});
  for (int i = 0; i < 3; ++i) {
    VIGIL_SPAN("fit.gmm_stage_test");
  }
  { VIGIL_SPAN("score.gmm_stage_test", {"acm.equipment", "FD_FAN"}); }
  capture.spans();  // flushes through the collector
  const auto fit = vigil::histogram("acm_stage_duration_seconds", {{"stage", "fit.gmm_stage_test"},
                                                                   {"parent", "fit"},
                                                                   {"equipment", "GAS_TURBINE"}})
                       .snapshot();
  CHECK(fit.count == 3);
  CHECK(fit.sum > 0);
  const auto score =
      vigil::histogram(
          "acm_stage_duration_seconds",
          {{"stage", "score.gmm_stage_test"}, {"parent", "score"}, {"equipment", "FD_FAN"}})
          .snapshot();
  CHECK(score.count == 1);
  vigil::remove_exporter(stages);
}

TEST_CASE("enable_stage_histogram attaches one exporter until shutdown detaches it", "[app]") {
  const auto before = vigil::stats().spans_exported;
  vigil::enable_stage_histogram();
  vigil::enable_stage_histogram();
  { VIGIL_SPAN("fit.stage_enable_test"); }
  vigil::flush();
  const auto fit =
      vigil::histogram("acm_stage_duration_seconds",
                       {{"stage", "fit.stage_enable_test"}, {"parent", "fit"}, {"equipment", ""}})
          .snapshot();
  CHECK(fit.count == 1);  // one exporter, so recorded once
  CHECK(vigil::stats().spans_exported > before);
  vigil::shutdown();
  { VIGIL_SPAN("fit.stage_enable_test"); }  // tracing is off again: nothing attached
  vigil::flush();
  CHECK(vigil::histogram("acm_stage_duration_seconds",
                         {{"stage", "fit.stage_enable_test"}, {"parent", "fit"}, {"equipment", ""}})
            .snapshot()
            .count == 1);
}
