// The instrumented twin of bare.cpp, built with VIGIL_ENABLED=0: its machine code must be
// identical to bare.cpp's, function by function.
#include "vigil/vigil.hpp"

extern "C" double weighted_sum(const double* values, const double* weights, int n) {
  VIGIL_SPAN("fusion.combine", {"n_samples", n});
  double total = 0;
  for (int i = 0; i < n; ++i) {
    VIGIL_SPAN("fusion.term");
    total += values[i] * weights[i];
  }
  VIGIL_SPAN_SET_ATTRIBUTE("total", total);
  return total;
}

extern "C" int count_above(const double* values, int n, double threshold) {
  VIGIL_SPAN_FN();
  int count = 0;
  for (int i = 0; i < n; ++i) count += values[i] > threshold;
  VIGIL_SPAN_EVENT("counted");
  return count;
}

extern "C" int threshold_crossings(const double* values, int n, double threshold) {
  VIGIL_LOG_DEBUG("THRESHOLD", "scanning {} values against {}", n, threshold);
  const auto log = vigil::component("THRESHOLD");
  int crossings = 0;
  for (int i = 1; i < n; ++i) {
    const bool crossed = (values[i - 1] <= threshold) != (values[i] <= threshold);
    if (crossed) VIGIL_LOG_TRACE("THRESHOLD", "crossed at {}", i, {"value", values[i]});
    crossings += crossed;
  }
  log.info("{} crossings", crossings, {"threshold", threshold});
  VIGIL_LOG_OK("THRESHOLD", "done");
  return crossings;
}
