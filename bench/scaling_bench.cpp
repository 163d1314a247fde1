// bench/scaling_bench.cpp — how each stage grows: rows from 10^3 to 10^6 (one synthetic
// FD_FAN of 10^6 training rows, prefixes of it), and raw sensors from 15 to 120 at 5000 rows
// for the fits whose cost depends on width (PCA, GMM, OMR). Google Benchmark fits the
// order of each curve (Complexity); tools/report tables it against the expected order.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "floor.hpp"
#include "gmm.hpp"
#include "omr.hpp"
#include "regimes.hpp"
#include "stage_inputs.hpp"

namespace {

constexpr std::size_t kMaxRows = 1'000'000;
const std::vector<std::int64_t> kRows{1'000, 3'162, 10'000, 31'623, 100'000, 316'228, 1'000'000};
const std::vector<std::int64_t> kSensors{15, 30, 60, 120};

// Built on first use only, so running a filtered subset does not pay for the rest.
const bench::StageInputs& big() {
  static const bench::StageInputs instance(
      acm::SyntheticOptions{"FD_FAN", kMaxRows + 5'000, kMaxRows, 60, 1767225600, 42});
  return instance;
}

acm::Matrix first_rows(const acm::Matrix& m, std::size_t n) {
  return xt::view(m, xt::range(0, n), xt::all());
}

// Prefixes of the big feature matrix, one copy per size, kept for the whole process.
const acm::Matrix& train_rows(std::size_t n) {
  static std::map<std::size_t, acm::Matrix> cache;
  auto it = cache.find(n);
  if (it == cache.end()) it = cache.emplace(n, first_rows(big().train.values, n)).first;
  return it->second;
}

// `sensors` raw sensors at 5000 rows: synthetic units of 15 side by side, each its own
// seed and profile, so the columns are not copies of each other.
acm::FeatureSet wide_features(std::size_t sensors) {
  const std::vector<std::string> profiles = acm::synthetic_equipment();
  acm::Table wide;
  for (std::size_t unit = 0; unit * 15 < sensors; ++unit) {
    acm::SyntheticOptions options;
    options.equipment = profiles[unit % profiles.size()];
    options.seed = 42 + unit;
    const acm::Table part = acm::slice_rows(acm::generate_synthetic(options).table, 0, 5'000);
    if (unit == 0) {
      wide = part;
      for (auto& column : wide.columns) column = "u0_" + column;
      continue;
    }
    wide.values = xt::concatenate(xt::xtuple(wide.values, part.values), 1);
    for (const auto& column : part.columns)
      wide.columns.push_back("u" + std::to_string(unit) + "_" + column);
  }
  acm::FeatureSet features = acm::compute_features(wide, {});
  acm::impute(features, acm::learn_fill(features));
  return features;
}

template <class Detector, class... Args>
void fit_rows(benchmark::State& state, Args... args) {
  const acm::Matrix& rows = train_rows(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    Detector detector(args...);
    detector.fit(rows);
    benchmark::DoNotOptimize(detector);
  }
  state.SetComplexityN(state.range(0));
}

template <class Detector, class... Args>
void score_rows(benchmark::State& state, Args... args) {
  Detector detector(args...);
  detector.fit(train_rows(5'000));
  const acm::Matrix& rows = train_rows(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(detector.score(rows));
  state.SetComplexityN(state.range(0));
}

template <class Detector, bool kNamed>
void fit_sensors(benchmark::State& state) {
  const acm::FeatureSet features = wide_features(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    std::unique_ptr<Detector> detector;
    if constexpr (kNamed) {
      detector = std::make_unique<Detector>(features.names);
    } else {
      detector = std::make_unique<Detector>();
    }
    detector->fit(features.values);
    benchmark::DoNotOptimize(detector);
  }
  state.counters["features"] = static_cast<double>(features.values.shape(1));
  state.SetComplexityN(state.range(0));
}

void BM_features_compute(benchmark::State& state) {
  const acm::Table table = acm::slice_rows(big().train_table, 0, state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(acm::compute_features(table, {}));
  state.SetComplexityN(state.range(0));
}

void BM_regimes_fit(benchmark::State& state) {
  const acm::Matrix raw = first_rows(big().train_table.values, state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(acm::fit_regimes(raw));
  state.SetComplexityN(state.range(0));
}

// The seeds' 1500 scored rows of detector heads repeated to n rows.
acm::Matrix tiled(const acm::Matrix& z, std::size_t n) {
  acm::Matrix out = acm::Matrix::from_shape({n, z.shape(1)});
  for (std::size_t r = 0; r < n; ++r) xt::row(out, r) = xt::row(z, r % z.shape(0));
  return out;
}

const bench::FusionInputs& fusion_inputs() {
  static const bench::FusionInputs instance(bench::StageInputs{});
  return instance;
}

void BM_fusion_tune_weights(benchmark::State& state) {
  bench::FusionInputs f = fusion_inputs();
  f.score_z = tiled(f.score_z, state.range(0));
  const auto start = acm::equal_weights(f.heads);
  for (auto _ : state)
    benchmark::DoNotOptimize(acm::tune_weights(f.score_z, bench::first_episodes(f, start), start));
  state.SetComplexityN(state.range(0));
}

void BM_fusion_combine(benchmark::State& state) {
  const auto& f = fusion_inputs();
  const acm::Matrix z = tiled(f.score_z, state.range(0));
  const auto weights = acm::equal_weights(f.heads);
  for (auto _ : state) benchmark::DoNotOptimize(acm::combine(z, weights));
  state.SetComplexityN(state.range(0));
}

void BM_fit_ar1(benchmark::State& state) {
  fit_rows<acm::Ar1Detector>(state);
}
void BM_score_ar1(benchmark::State& state) {
  score_rows<acm::Ar1Detector>(state);
}
void BM_fit_pca(benchmark::State& state) {
  fit_rows<acm::PcaDetector>(state);
}
void BM_score_pca(benchmark::State& state) {
  score_rows<acm::PcaDetector>(state);
}
void BM_fit_iforest(benchmark::State& state) {
  fit_rows<acm::IsolationForest>(state);
}
void BM_score_iforest(benchmark::State& state) {
  score_rows<acm::IsolationForest>(state);
}
void BM_fit_gmm(benchmark::State& state) {
  fit_rows<acm::GmmDetector>(state);
}
void BM_score_gmm(benchmark::State& state) {
  score_rows<acm::GmmDetector>(state);
}
void BM_fit_omr(benchmark::State& state) {
  fit_rows<acm::OmrDetector>(state, big().train.names);
}
void BM_score_omr(benchmark::State& state) {
  score_rows<acm::OmrDetector>(state, big().train.names);
}
void BM_fit_pca_sensors(benchmark::State& state) {
  fit_sensors<acm::PcaDetector, false>(state);
}
void BM_fit_gmm_sensors(benchmark::State& state) {
  fit_sensors<acm::GmmDetector, false>(state);
}
void BM_fit_omr_sensors(benchmark::State& state) {
  fit_sensors<acm::OmrDetector, true>(state);
}

void over_rows(benchmark::internal::Benchmark* b) {
  for (const auto n : kRows) b->Arg(n);
  b->MinTime(0.1)->Unit(benchmark::kMillisecond)->Complexity();
}

void over_sensors(benchmark::internal::Benchmark* b) {
  for (const auto n : kSensors) b->Arg(n);
  b->MinTime(0.1)->Unit(benchmark::kMillisecond)->Complexity();
}

}  // namespace

BENCHMARK(BM_features_compute)->Apply(over_rows);
BENCHMARK(BM_regimes_fit)->Apply(over_rows);
BENCHMARK(BM_fit_ar1)->Apply(over_rows);
BENCHMARK(BM_score_ar1)->Apply(over_rows);
BENCHMARK(BM_fit_pca)->Apply(over_rows);
BENCHMARK(BM_score_pca)->Apply(over_rows);
BENCHMARK(BM_fit_iforest)->Apply(over_rows);
BENCHMARK(BM_score_iforest)->Apply(over_rows);
BENCHMARK(BM_fit_gmm)->Apply(over_rows);
BENCHMARK(BM_score_gmm)->Apply(over_rows);
BENCHMARK(BM_fit_omr)->Apply(over_rows);
BENCHMARK(BM_score_omr)->Apply(over_rows);
BENCHMARK(BM_fusion_tune_weights)->Apply(over_rows);
BENCHMARK(BM_fusion_combine)->Apply(over_rows);
BENCHMARK(BM_fit_pca_sensors)->Apply(over_sensors);
BENCHMARK(BM_fit_gmm_sensors)->Apply(over_sensors);
BENCHMARK(BM_fit_omr_sensors)->Apply(over_sensors);

BENCHMARK_MAIN();
