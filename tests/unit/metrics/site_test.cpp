#include "vigil/metrics/site.hpp"

#include <catch2/catch.hpp>

#include "vigil/macros.hpp"
#include "vigil/runtime.hpp"

namespace {
void process(int rows) {
  VIGIL_COUNTER_ADD("site_rows_total", rows, {"equipment", "FD_FAN"});
  VIGIL_GAUGE_SET("site_last_rows", rows);
  VIGIL_HISTOGRAM_RECORD("site_batch_seconds", 0.002 * rows, {"stage", "fit.gmm"},
                         {"parent", "fit"});
}
}  // namespace

TEST_CASE("metric macros bind their handle once per call site", "[metrics]") {
  process(10);
  process(20);
  CHECK(vigil::counter("site_rows_total", {{"equipment", "FD_FAN"}}).value() == 30);
  CHECK(vigil::gauge("site_last_rows").value() == 20);
  const auto s =
      vigil::histogram("site_batch_seconds", {{"parent", "fit"}, {"stage", "fit.gmm"}}).snapshot();
  CHECK(s.count == 2);
  CHECK(s.sum == Approx(0.06));
}
