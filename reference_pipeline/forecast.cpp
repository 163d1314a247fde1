// reference_pipeline/forecast.cpp — Holt's method and Monte Carlo remaining useful life.
#include "forecast.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "calibrate.hpp"

namespace acm {

namespace {

// One-step errors of Holt's method with these parameters; the final state in `fit`.
double sse(const std::vector<double>& y, double alpha, double beta, HoltFit& fit) {
  double level = y[0], trend = y.size() > 1 ? y[1] - y[0] : 0, total = 0;
  for (std::size_t t = 1; t < y.size(); ++t) {
    const double forecast = level + trend;
    const double error = y[t] - forecast;
    total += error * error;
    const double previous = level;
    level = alpha * y[t] + (1 - alpha) * forecast;
    trend = beta * (level - previous) + (1 - beta) * trend;
  }
  fit = {alpha, beta, level, trend,
         std::sqrt(total / static_cast<double>(std::max<std::size_t>(y.size() - 1, 1)))};
  return total;
}

}  // namespace

HoltFit fit_holt(const std::vector<double>& series) {
  HoltFit best;
  if (series.size() < 3) {
    best.level = series.empty() ? 100 : series.back();
    return best;
  }
  double best_sse = std::numeric_limits<double>::infinity();
  for (double alpha = 0.05; alpha < 1.0; alpha += 0.05) {
    for (double beta = 0.01; beta < 0.5; beta += 0.04) {
      HoltFit fit;
      const double e = sse(series, alpha, beta, fit);
      if (e < best_sse) {
        best_sse = e;
        best = fit;
      }
    }
  }
  return best;
}

Rul estimate_rul(const HoltFit& fit, double failure_health, std::size_t horizon_rows,
                 std::size_t paths, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::normal_distribution<double> noise(0, fit.residual_sd);
  std::vector<double> crossings;
  for (std::size_t p = 0; p < paths; ++p) {
    double level = fit.level, trend = fit.trend;
    for (std::size_t h = 1; h <= horizon_rows; ++h) {
      const double y = level + trend + noise(random);
      const double previous = level;
      level = fit.alpha * y + (1 - fit.alpha) * (level + trend);
      trend = fit.beta * (level - previous) + (1 - fit.beta) * trend;
      if (y <= failure_health) {
        crossings.push_back(static_cast<double>(h));
        break;
      }
    }
  }
  Rul rul;
  rul.crossing_share =
      static_cast<double>(crossings.size()) / static_cast<double>(std::max<std::size_t>(paths, 1));
  if (rul.crossing_share < 0.1) return rul;
  // Paths that never cross count as beyond the horizon.
  crossings.resize(paths, static_cast<double>(horizon_rows + 1));
  const auto within = [horizon_rows](double q) -> std::optional<double> {
    if (q > static_cast<double>(horizon_rows)) return std::nullopt;
    return q;
  };
  rul.p10 = within(quantile(crossings, 0.1));
  rul.p50 = within(quantile(crossings, 0.5));
  rul.p90 = within(quantile(crossings, 0.9));
  return rul;
}

}  // namespace acm
