// reference_pipeline/fusion.cpp — weighted fusion, CUSUM episodes, weight tuning.
#include "fusion.hpp"

#include <algorithm>
#include <cmath>

#include "calibrate.hpp"

namespace acm {

FusionWeights equal_weights(const std::vector<std::string>& heads,
                            const std::vector<std::string>& fused) {
  FusionWeights out{heads, std::vector<double>(heads.size(), 0.0)};
  std::size_t active = 0;
  for (std::size_t h = 0; h < heads.size(); ++h) {
    if (fused.empty() || std::find(fused.begin(), fused.end(), heads[h]) != fused.end()) {
      out.weights[h] = 1;
      ++active;
    }
  }
  for (double& w : out.weights) w /= static_cast<double>(std::max<std::size_t>(active, 1));
  return out;
}

Vector combine(const Matrix& z, const FusionWeights& weights) {
  Vector fused = Vector::from_shape({z.shape(0)});
  for (std::size_t r = 0; r < z.shape(0); ++r) {
    double total = 0;
    for (std::size_t h = 0; h < weights.weights.size(); ++h) total += weights.weights[h] * z(r, h);
    fused(r) = total;
  }
  return fused;
}

CusumParams tune_cusum(const Vector& train_fused) {
  CusumParams params;
  params.k = quantile(std::vector<double>(train_fused.begin(), train_fused.end()), 0.95);
  double sum = 0, highest = 0;
  for (const double x : train_fused) {
    sum = std::max(0.0, sum + x - params.k);
    highest = std::max(highest, sum);
  }
  params.h = std::max(5.0, 1.2 * highest);
  return params;
}

std::vector<Episode> detect_episodes(const Vector& fused, const CusumParams& params,
                                     std::size_t merge_gap) {
  std::vector<Episode> episodes;
  double sum = 0, highest = 0;
  std::size_t started = 0, peak_row = 0;
  bool alarmed = false;
  for (std::size_t r = 0; r <= fused.size(); ++r) {
    const bool last = r == fused.size();
    if (!last) {
      if (sum == 0) {
        started = r;
        highest = 0;
      }
      sum = std::max(0.0, sum + fused(r) - params.k);
      if (sum > highest) {
        highest = sum;
        peak_row = r;
      }
      if (sum > params.h) alarmed = true;
    }
    if ((last || sum == 0) && alarmed) {
      // The sum takes a while to drain after the score falls back: end where it peaked.
      Episode e{started, peak_row + 1, 0};
      for (std::size_t i = e.begin; i < e.end; ++i) e.peak = std::max(e.peak, fused(i));
      if (!episodes.empty() && e.begin <= episodes.back().end + merge_gap) {
        episodes.back().end = e.end;
        episodes.back().peak = std::max(episodes.back().peak, e.peak);
      } else {
        episodes.push_back(e);
      }
      alarmed = false;
    }
  }
  return episodes;
}

FusionWeights tune_weights(const Matrix& z, const std::vector<Episode>& episodes,
                           const FusionWeights& start, double learning_rate) {
  if (episodes.empty()) return start;
  const std::size_t heads = start.weights.size();
  std::vector<bool> inside(z.shape(0), false);
  for (const Episode& e : episodes)
    std::fill(inside.begin() + static_cast<std::ptrdiff_t>(e.begin),
              inside.begin() + static_cast<std::ptrdiff_t>(e.end), true);
  std::vector<double> separability(heads);
  for (std::size_t h = 0; h < heads; ++h) {
    double in_sum = 0, out_sum = 0, out_sq = 0;
    std::size_t in_n = 0, out_n = 0;
    for (std::size_t r = 0; r < z.shape(0); ++r) {
      if (inside[r]) {
        in_sum += z(r, h);
        ++in_n;
      } else {
        out_sum += z(r, h);
        out_sq += z(r, h) * z(r, h);
        ++out_n;
      }
    }
    if (in_n == 0 || out_n < 2) return start;
    const double out_mean = out_sum / static_cast<double>(out_n);
    const double out_sd =
        std::sqrt(std::max(out_sq / static_cast<double>(out_n) - out_mean * out_mean, 1e-12));
    separability[h] = (in_sum / static_cast<double>(in_n) - out_mean) / out_sd;
  }
  // Softmax over the heads in the fusion; a head weighted 0 stays out.
  double top = -INFINITY;
  for (std::size_t h = 0; h < heads; ++h) {
    if (start.weights[h] > 0) top = std::max(top, separability[h]);
  }
  double total = 0;
  std::vector<double> soft(heads, 0.0);
  for (std::size_t h = 0; h < heads; ++h) {
    if (start.weights[h] > 0) total += soft[h] = std::exp(separability[h] - top);
  }
  FusionWeights out = start;
  for (std::size_t h = 0; h < heads; ++h) {
    out.weights[h] = (1 - learning_rate) * start.weights[h] + learning_rate * soft[h] / total;
  }
  return out;
}

}  // namespace acm
