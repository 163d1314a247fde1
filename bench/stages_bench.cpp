// bench/stages_bench.cpp — the seeds' per-stage table: one benchmark per operation at the
// seeds' shape (5000 training rows × 15 sensors -> 105 features, 1500 scored rows, regimes
// on 6500 × 15), 15 repetitions with P50 and P95 as statistics and rows/s counters.
// Inputs are built once per process from the synthetic FD_FAN, outside the timed loops.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "ar1.hpp"
#include "calibrate.hpp"
#include "data.hpp"
#include "features.hpp"
#include "floor.hpp"
#include "fusion.hpp"
#include "gmm.hpp"
#include "iforest.hpp"
#include "omr.hpp"
#include "pca.hpp"
#include "regimes.hpp"

namespace {

struct Inputs {
  acm::Dataset data = acm::generate_synthetic({});
  acm::Table train_table = acm::slice_rows(data.table, 0, data.train_rows);
  acm::Table score_table = acm::slice_rows(data.table, data.train_rows, data.table.rows());
  acm::FeatureSet train = acm::compute_features(train_table, {});
  acm::FeatureSet score = acm::compute_features(score_table, {});

  Inputs() {
    const acm::FeatureFill fill = acm::learn_fill(train);
    acm::impute(train, fill);
    acm::impute(score, fill);
  }
};

const Inputs& inputs() {
  static const Inputs instance;
  return instance;
}

double percentile(const std::vector<double>& runs, double q) {
  std::vector<double> sorted = runs;
  std::sort(sorted.begin(), sorted.end());
  return acm::quantile(sorted, q);
}

void rows_per_second(benchmark::State& state, std::size_t rows) {
  state.counters["rows/s"] =
      benchmark::Counter(static_cast<double>(rows) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}

template <class Detector, class... Args>
void fit(benchmark::State& state, Args... args) {
  const auto& in = inputs();
  for (auto _ : state) {
    Detector detector(args...);
    detector.fit(in.train.values);
    benchmark::DoNotOptimize(detector);
  }
  rows_per_second(state, in.train.values.shape(0));
}

template <class Detector, class... Args>
void score(benchmark::State& state, Args... args) {
  const auto& in = inputs();
  Detector detector(args...);
  detector.fit(in.train.values);
  for (auto _ : state) benchmark::DoNotOptimize(detector.score(in.score.values));
  rows_per_second(state, in.score.values.shape(0));
}

void BM_features_compute(benchmark::State& state) {
  const auto& in = inputs();
  for (auto _ : state) benchmark::DoNotOptimize(acm::compute_features(in.train_table, {}));
  rows_per_second(state, in.train_table.rows());
}

void BM_regimes_fit(benchmark::State& state) {
  const auto& in = inputs();
  for (auto _ : state) benchmark::DoNotOptimize(acm::fit_regimes(in.data.table.values));
  rows_per_second(state, in.data.table.rows());
}

// The calibrated heads of the default detectors on the scored rows, for the fusion steps.
struct FusionInputs {
  acm::Matrix train_z, score_z;
  std::vector<std::string> heads{"ar1_z", "pca_spe", "pca_t2", "iforest"};
  FusionInputs() {
    const auto& in = inputs();
    acm::Ar1Detector ar1;
    acm::PcaDetector pca;
    acm::IsolationForest forest;
    ar1.fit(in.train.values);
    pca.fit(in.train.values);
    forest.fit(in.train.values);
    const auto heads_of = [&](const acm::Matrix& rows) {
      acm::Matrix out = acm::Matrix::from_shape({rows.shape(0), 4});
      xt::view(out, xt::all(), 0) = xt::view(ar1.score(rows), xt::all(), 0);
      const acm::Matrix p = pca.score(rows);
      xt::view(out, xt::all(), 1) = xt::view(p, xt::all(), 0);
      xt::view(out, xt::all(), 2) = xt::view(p, xt::all(), 1);
      xt::view(out, xt::all(), 3) = xt::view(forest.score(rows), xt::all(), 0);
      return out;
    };
    const acm::Matrix train_raw = heads_of(in.train.values);
    const acm::Calibration calibration = acm::fit_calibration(train_raw, heads);
    train_z = acm::calibrate(calibration, train_raw);
    score_z = acm::calibrate(calibration, heads_of(in.score.values));
  }
};

const FusionInputs& fusion_inputs() {
  static const FusionInputs instance;
  return instance;
}

void BM_fusion_tune_weights(benchmark::State& state) {
  const auto& f = fusion_inputs();
  const auto start = acm::equal_weights(f.heads);
  for (auto _ : state) {
    const auto first = acm::detect_episodes(acm::combine(f.score_z, start),
                                            acm::tune_cusum(acm::combine(f.train_z, start)));
    benchmark::DoNotOptimize(acm::tune_weights(f.score_z, first, start));
  }
  rows_per_second(state, f.score_z.shape(0));
}

void BM_fusion_combine(benchmark::State& state) {
  const auto& f = fusion_inputs();
  const auto weights = acm::equal_weights(f.heads);
  for (auto _ : state) benchmark::DoNotOptimize(acm::combine(f.score_z, weights));
  rows_per_second(state, f.score_z.shape(0));
}

void BM_fit_ar1(benchmark::State& state) {
  fit<acm::Ar1Detector>(state);
}
void BM_score_ar1(benchmark::State& state) {
  score<acm::Ar1Detector>(state);
}
void BM_fit_pca(benchmark::State& state) {
  fit<acm::PcaDetector>(state);
}
void BM_score_pca(benchmark::State& state) {
  score<acm::PcaDetector>(state);
}
void BM_fit_iforest(benchmark::State& state) {
  fit<acm::IsolationForest>(state);
}
void BM_score_iforest(benchmark::State& state) {
  score<acm::IsolationForest>(state);
}
void BM_fit_gmm(benchmark::State& state) {
  fit<acm::GmmDetector>(state);
}
void BM_score_gmm(benchmark::State& state) {
  score<acm::GmmDetector>(state);
}
void BM_fit_omr(benchmark::State& state) {
  fit<acm::OmrDetector>(state, inputs().train.names);
}
void BM_score_omr(benchmark::State& state) {
  score<acm::OmrDetector>(state, inputs().train.names);
}

// 15 repetitions; the P50 and P95 of their per-iteration times, as the seeds' table has.
void stage(benchmark::internal::Benchmark* b) {
  b->Repetitions(15)
      ->ComputeStatistics("p50", [](const std::vector<double>& v) { return percentile(v, 0.5); })
      ->ComputeStatistics("p95", [](const std::vector<double>& v) { return percentile(v, 0.95); })
      ->DisplayAggregatesOnly(true)
      ->Unit(benchmark::kMillisecond);
}

}  // namespace

BENCHMARK(BM_features_compute)->Apply(stage);
BENCHMARK(BM_regimes_fit)->Apply(stage);
BENCHMARK(BM_fit_ar1)->Apply(stage);
BENCHMARK(BM_score_ar1)->Apply(stage);
BENCHMARK(BM_fit_pca)->Apply(stage);
BENCHMARK(BM_score_pca)->Apply(stage);
BENCHMARK(BM_fit_iforest)->Apply(stage);
BENCHMARK(BM_score_iforest)->Apply(stage);
BENCHMARK(BM_fit_gmm)->Apply(stage);
BENCHMARK(BM_score_gmm)->Apply(stage);
BENCHMARK(BM_fit_omr)->Apply(stage);
BENCHMARK(BM_score_omr)->Apply(stage);
BENCHMARK(BM_fusion_tune_weights)->Apply(stage);
BENCHMARK(BM_fusion_combine)->Apply(stage);

BENCHMARK_MAIN();
