// reference_pipeline/features.cpp — rolling features, training fill values, the hash.
#include "features.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace acm {

namespace {

constexpr const char* kBaseFeatures[] = {"median", "mad", "mean", "std", "slope", "skew", "energy"};

double median_of(double* values, std::size_t n) {
  std::sort(values, values + n);
  return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

// The features of one window; `w` has n finite values in time order.
void window_features(const double* w, std::size_t n, bool kurtosis, double* out) {
  std::array<double, 64> sorted{};
  std::copy(w, w + n, sorted.begin());
  const double median = median_of(sorted.data(), n);
  for (std::size_t i = 0; i < n; ++i) sorted[i] = std::fabs(w[i] - median);
  const double mad = median_of(sorted.data(), n);
  double mean = 0;
  for (std::size_t i = 0; i < n; ++i) mean += w[i];
  mean /= static_cast<double>(n);
  double m2 = 0, m3 = 0, m4 = 0, sxy = 0, energy = 0;
  const double t_mean = static_cast<double>(n - 1) / 2;
  double sxx = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double d = w[i] - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
    const double t = static_cast<double>(i) - t_mean;
    sxy += t * d;
    sxx += t * t;
    if (i > 0) energy += (w[i] - w[i - 1]) * (w[i] - w[i - 1]);
  }
  const double nd = static_cast<double>(n);
  const double variance = m2 / (nd - 1);
  // Bias-corrected sample skewness and excess kurtosis (pandas' rolling skew/kurt).
  const double g1 = m2 > 0 ? (m3 / nd) / std::pow(m2 / nd, 1.5) : 0.0;
  const double skew = n >= 3 ? std::sqrt(nd * (nd - 1)) / (nd - 2) * g1 : NAN;
  out[0] = median;
  out[1] = mad;
  out[2] = mean;
  out[3] = std::sqrt(variance);
  out[4] = sxx > 0 ? sxy / sxx : NAN;
  out[5] = skew;
  out[6] = energy / (nd - 1);
  if (kurtosis) {
    const double g2 = m2 > 0 ? (m4 / nd) / ((m2 / nd) * (m2 / nd)) - 3 : 0.0;
    out[7] = ((nd + 1) * g2 + 6) * (nd - 1) / ((nd - 2) * (nd - 3));
  }
}

}  // namespace

FeatureSet compute_features(const Table& table, const FeatureSpec& spec) {
  const std::size_t window = std::clamp<std::size_t>(spec.window, 3, 64);
  const bool kurtosis = window >= 4;
  const std::size_t per_sensor = kurtosis ? 8 : 7;
  FeatureSet out;
  for (const std::string& sensor : table.columns) {
    for (const char* feature : kBaseFeatures) out.names.push_back(sensor + "__" + feature);
    if (kurtosis) out.names.push_back(sensor + "__kurt");
  }
  out.values = Matrix::from_shape({table.rows(), table.cols() * per_sensor});
  double w[64];
  double features[8];
  for (std::size_t s = 0; s < table.cols(); ++s) {
    for (std::size_t r = 0; r < table.rows(); ++r) {
      std::size_t n = 0;
      bool complete = r + 1 >= window;
      for (std::size_t k = complete ? r + 1 - window : 0; k <= r; ++k) {
        const double x = table.values(k, s);
        if (std::isfinite(x)) {
          w[n++] = x;
        } else {
          complete = false;
        }
      }
      for (std::size_t f = 0; f < per_sensor; ++f) features[f] = NAN;
      if (complete) window_features(w, n, kurtosis, features);
      for (std::size_t f = 0; f < per_sensor; ++f) out.values(r, s * per_sensor + f) = features[f];
    }
  }
  return out;
}

FeatureFill learn_fill(const FeatureSet& train) {
  FeatureFill fill;
  const std::size_t cols = train.values.shape(1);
  fill.medians = Vector::from_shape({cols});
  std::vector<double> finite;
  for (std::size_t c = 0; c < cols; ++c) {
    finite.clear();
    for (std::size_t r = 0; r < train.values.shape(0); ++r) {
      if (std::isfinite(train.values(r, c))) finite.push_back(train.values(r, c));
    }
    fill.medians(c) = finite.empty() ? 0.0 : median_of(finite.data(), finite.size());
  }
  return fill;
}

std::size_t impute(FeatureSet& features, const FeatureFill& fill) {
  std::size_t imputed = 0;
  for (std::size_t r = 0; r < features.values.shape(0); ++r) {
    for (std::size_t c = 0; c < features.values.shape(1); ++c) {
      double& x = features.values(r, c);
      if (!std::isfinite(x)) {
        x = fill.medians(c);
        ++imputed;
      }
    }
  }
  return imputed;
}

std::string feature_hash(const FeatureSet& features, const FeatureSpec& spec) {
  std::uint64_t hash = 1469598103934665603ULL;
  const auto mix = [&hash](const std::string& text) {
    for (const unsigned char c : text) hash = (hash ^ c) * 1099511628211ULL;
    hash = (hash ^ 0xff) * 1099511628211ULL;
  };
  mix("window=" + std::to_string(spec.window));
  for (const std::string& name : features.names) mix(name);
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
  return text;
}

}  // namespace acm
