// bench/metrics_bench.cpp — what a metric update costs: a bound counter add, a counter with
// its label lookup on every call, a gauge set, a histogram record (also across 1..16
// threads), and serialising 1000 series to Prometheus text. Quote ratios to BM_tsc_pair.
#include <benchmark/benchmark.h>

#include <string>

#include "floor.hpp"
#include "vigil/runtime.hpp"

namespace {

void BM_counter_add(benchmark::State& state) {
  static const auto counter = vigil::counter("bench_rows_total", {{"equipment", "FD_FAN"}});
  for (auto _ : state) counter.add(1);
}
BENCHMARK(BM_counter_add)->ThreadRange(1, 16)->Repetitions(9)->DisplayAggregatesOnly(true);

void BM_counter_add_labels(benchmark::State& state) {
  for (auto _ : state)
    vigil::counter("bench_lookup_total", {{"equipment", "FD_FAN"}, {"stage", "fit.gmm"}}).add(1);
}
BENCHMARK(BM_counter_add_labels)->Repetitions(9)->DisplayAggregatesOnly(true);

void BM_counter_add_macro(benchmark::State& state) {
  for (auto _ : state) VIGIL_COUNTER_ADD("bench_macro_total", 1, {"equipment", "FD_FAN"});
}
BENCHMARK(BM_counter_add_macro)->Repetitions(9)->DisplayAggregatesOnly(true);

void BM_gauge_set(benchmark::State& state) {
  static const auto gauge = vigil::gauge("bench_health_score", {{"equipment", "FD_FAN"}});
  double v = 0;
  for (auto _ : state) gauge.set(v += 0.5);
}
BENCHMARK(BM_gauge_set)->Repetitions(9)->DisplayAggregatesOnly(true);

void BM_histogram_record(benchmark::State& state) {
  static const auto histogram =
      vigil::histogram("bench_stage_duration_seconds", {{"stage", "fit.gmm"}});
  double v = 0.0001;
  for (auto _ : state) {
    histogram.record(v);
    v = v > 10 ? 0.0001 : v * 1.01;
  }
}
BENCHMARK(BM_histogram_record)->ThreadRange(1, 16)->Repetitions(9)->DisplayAggregatesOnly(true);

void BM_serialize_1000(benchmark::State& state) {
  for (int i = 0; i < 1000; ++i) {
    vigil::counter("bench_series_total", {{"id", std::to_string(i)}, {"equipment", "FD_FAN"}})
        .add(i);
  }
  for (auto _ : state) benchmark::DoNotOptimize(vigil::prometheus_text());
}
BENCHMARK(BM_serialize_1000)->Repetitions(9)->DisplayAggregatesOnly(true);

}  // namespace

BENCHMARK_MAIN();
