#include "vigil/app/acm.hpp"

#include <catch2/catch.hpp>

TEST_CASE("the seeds' helpers feed their series, SLA compliance follows violations", "[metrics]") {
  vigil::record_batch_processed("WFA_TURBINE_10", 0.8, 5000, "ok");
  vigil::record_batch_processed("WFA_TURBINE_10", 1.2, 1500, "ok");
  vigil::record_batch_processed("WFA_TURBINE_10", 0.1, 0, "failed");
  CHECK(vigil::counter("acm_batches_total", {{"equipment", "WFA_TURBINE_10"}, {"status", "ok"}})
            .value() == 2);
  CHECK(vigil::counter("acm_rows_processed_total", {{"equipment", "WFA_TURBINE_10"}}).value() ==
        6500);
  CHECK(vigil::histogram("acm_batch_duration_seconds", {{"equipment", "WFA_TURBINE_10"}})
            .snapshot()
            .count == 3);
  vigil::record_detector_duration("gmm", "WFA_TURBINE_10", 0.05);
  CHECK(vigil::histogram("acm_detector_duration_seconds",
                         {{"detector", "gmm"}, {"equipment", "WFA_TURBINE_10"}})
            .snapshot()
            .count == 1);
  vigil::record_health_score("WFA_TURBINE_10", 87.5);
  CHECK(vigil::gauge("acm_health_score", {{"equipment", "WFA_TURBINE_10"}}).value() == 87.5);
  const vigil::SlaTracker sla("inference", 0.2);
  for (double latency : {0.1, 0.15, 0.3, 0.05}) sla.record(latency);
  CHECK(vigil::counter("acm_sla_violations_total", {{"sla", "inference"}}).value() == 1);
  CHECK(vigil::gauge("acm_sla_compliance_percent", {{"sla", "inference"}}).value() == 75);
}
