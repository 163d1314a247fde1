// reference_pipeline/forecast.hpp — where health is heading: Holt's linear trend fitted to
// the health timeline (smoothing α, β chosen by the smallest one-step squared error on a
// grid), then the remaining useful life: the time until health crosses `failure_health`,
// as P10/P50/P90 over Monte Carlo paths with the fit's residuals resampled.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace acm {

struct HoltFit {
  double alpha = 0, beta = 0;
  double level = 0, trend = 0;  // at the last point, per row
  double residual_sd = 0;
};

HoltFit fit_holt(const std::vector<double>& series);

struct Rul {
  // Rows until the crossing; empty when that quantile lies beyond the horizon (all three
  // when fewer than 10% of paths cross within it).
  std::optional<double> p10, p50, p90;
  double crossing_share = 0;  // paths that crossed within the horizon
};

Rul estimate_rul(const HoltFit& fit, double failure_health, std::size_t horizon_rows,
                 std::size_t paths = 1000, std::uint64_t seed = 17);

}  // namespace acm
