// bench/stages_bench.cpp — the seeds' per-stage table: one benchmark per operation at the
// seeds' shape (5000 training rows × 15 sensors -> 105 features, 1500 scored rows, regimes
// on 6500 × 15), 15 repetitions with P50 and P95 as statistics and rows/s counters.
// Inputs are built once per process from the synthetic FD_FAN, outside the timed loops.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <vector>

#include "floor.hpp"
#include "gmm.hpp"
#include "omr.hpp"
#include "regimes.hpp"
#include "stage_inputs.hpp"

namespace {

const bench::StageInputs& inputs() {
  static const bench::StageInputs instance;
  return instance;
}

double percentile(const std::vector<double>& runs, double q) {
  std::vector<double> sorted = runs;
  std::sort(sorted.begin(), sorted.end());
  return acm::quantile(sorted, q);
}

template <class Detector, class... Args>
void fit(benchmark::State& state, Args... args) {
  const auto& in = inputs();
  for (auto _ : state) {
    Detector detector(args...);
    detector.fit(in.train.values);
    benchmark::DoNotOptimize(detector);
  }
  bench::rows_per_second(state, in.train.values.shape(0));
}

template <class Detector, class... Args>
void score(benchmark::State& state, Args... args) {
  const auto& in = inputs();
  Detector detector(args...);
  detector.fit(in.train.values);
  for (auto _ : state) benchmark::DoNotOptimize(detector.score(in.score.values));
  bench::rows_per_second(state, in.score.values.shape(0));
}

void BM_features_compute(benchmark::State& state) {
  const auto& in = inputs();
  for (auto _ : state) benchmark::DoNotOptimize(acm::compute_features(in.train_table, {}));
  bench::rows_per_second(state, in.train_table.rows());
}

void BM_regimes_fit(benchmark::State& state) {
  const auto& in = inputs();
  for (auto _ : state) benchmark::DoNotOptimize(acm::fit_regimes(in.data.table.values));
  bench::rows_per_second(state, in.data.table.rows());
}

const bench::FusionInputs& fusion_inputs() {
  static const bench::FusionInputs instance(inputs());
  return instance;
}

void BM_fusion_tune_weights(benchmark::State& state) {
  const auto& f = fusion_inputs();
  const auto start = acm::equal_weights(f.heads);
  for (auto _ : state) {
    benchmark::DoNotOptimize(acm::tune_weights(f.score_z, bench::first_episodes(f, start), start));
  }
  bench::rows_per_second(state, f.score_z.shape(0));
}

void BM_fusion_combine(benchmark::State& state) {
  const auto& f = fusion_inputs();
  const auto weights = acm::equal_weights(f.heads);
  for (auto _ : state) benchmark::DoNotOptimize(acm::combine(f.score_z, weights));
  bench::rows_per_second(state, f.score_z.shape(0));
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

// 15 repetitions of at least 0.2 s each; the P50 and P95 of their per-iteration times, as
// the seeds' table has.
void stage(benchmark::internal::Benchmark* b) {
  b->Repetitions(15)
      ->MinTime(0.2)
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
