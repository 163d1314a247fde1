// bench/overhead_bench.cpp — what a span costs: recorded (plain, two attributes, three
// nested), switched off at run time, compiled out (overhead_off.cpp), and across 1..16
// threads. Quote results as ratios to BM_tsc_pair from the same run.
//
// Recorded spans go through the real collector into an exporter that discards them. Rings
// are sized so a repetition never fills them (fixed iteration counts), so what is measured
// is the recording path, not the cheaper drop path; the `dropped` counter proves it.
#include <benchmark/benchmark.h>

#include <memory>
#include <vector>

#include "floor.hpp"
#include "vigil/runtime.hpp"

namespace {

class DiscardExporter : public vigil::SpanExporter {
 public:
  void export_spans(const std::vector<vigil::SpanData>&, const vigil::Resource&) override {}
};

constexpr std::int64_t kIterations = 500'000;

// Attaches the discarding exporter for one benchmark run and reports drops.
class Recording {
 public:
  Recording(benchmark::State& state, std::size_t ring_items) : state_(state) {
    if (state.thread_index() == 0) {
      vigil::configure({ring_items, std::chrono::milliseconds(1)});
      before_ = vigil::stats().spans_dropped;
      vigil::add_exporter(exporter_);
    }
  }
  ~Recording() {
    if (state_.thread_index() != 0) return;
    vigil::remove_exporter(exporter_);
    state_.counters["dropped"] = static_cast<double>(vigil::stats().spans_dropped - before_);
  }

 private:
  benchmark::State& state_;
  std::shared_ptr<DiscardExporter> exporter_ = std::make_shared<DiscardExporter>();
  std::uint64_t before_ = 0;
};

void BM_span_plain(benchmark::State& state) {
  Recording recording(state, std::size_t{1} << 21);
  for (auto _ : state) {
    VIGIL_SPAN("bench.plain");
    benchmark::ClobberMemory();
  }
}
BENCHMARK(BM_span_plain)->Iterations(kIterations)->Repetitions(9)->DisplayAggregatesOnly(true);

void BM_span_attrs2(benchmark::State& state) {
  Recording recording(state, std::size_t{1} << 22);
  std::int64_t n_samples = 5000, n_features = 105;
  for (auto _ : state) {
    VIGIL_SPAN("fit.gmm", {"n_samples", n_samples}, {"n_features", n_features});
    benchmark::ClobberMemory();
  }
}
BENCHMARK(BM_span_attrs2)->Iterations(kIterations)->Repetitions(9)->DisplayAggregatesOnly(true);

void BM_span_nested3(benchmark::State& state) {
  Recording recording(state, std::size_t{1} << 22);
  for (auto _ : state) {
    VIGIL_SPAN("pipeline.run");
    VIGIL_SPAN("fit.gmm");
    VIGIL_SPAN("score.gmm");
    benchmark::ClobberMemory();
  }
}
BENCHMARK(BM_span_nested3)->Iterations(kIterations)->Repetitions(9)->DisplayAggregatesOnly(true);

// Head sampler says no and failed traces are not kept: the span only carries its context.
void BM_span_unsampled(benchmark::State& state) {
  Recording recording(state, std::size_t{1} << 21);
  vigil::set_sampler({vigil::SamplerKind::always_off});
  vigil::set_keep_failed_traces(false);
  for (auto _ : state) {
    VIGIL_SPAN("bench.unsampled");
    benchmark::ClobberMemory();
  }
  vigil::set_keep_failed_traces(true);
  vigil::set_sampler({});
}
BENCHMARK(BM_span_unsampled)->Repetitions(9)->DisplayAggregatesOnly(true);

// Head sampler says no, failed traces kept (the default): the span is recorded so that the
// collector can still export its trace should it fail.
void BM_span_unsampled_keep_failed(benchmark::State& state) {
  Recording recording(state, std::size_t{1} << 21);
  vigil::set_sampler({vigil::SamplerKind::always_off});
  for (auto _ : state) {
    VIGIL_SPAN("bench.unsampled");
    benchmark::ClobberMemory();
  }
  vigil::set_sampler({});
}
BENCHMARK(BM_span_unsampled_keep_failed)
    ->Iterations(kIterations)
    ->Repetitions(9)
    ->DisplayAggregatesOnly(true);

// Runtime off: no exporter attached, the span is one branch.
void BM_span_off(benchmark::State& state) {
  for (auto _ : state) {
    VIGIL_SPAN("bench.off");
    benchmark::ClobberMemory();
  }
}
BENCHMARK(BM_span_off)->Repetitions(9)->DisplayAggregatesOnly(true);

void BM_span_plain_threads(benchmark::State& state) {
  Recording recording(state, std::size_t{1} << 18);
  for (auto _ : state) {
    VIGIL_SPAN("bench.plain");
    benchmark::ClobberMemory();
  }
}
BENCHMARK(BM_span_plain_threads)
    ->Iterations(200'000)
    ->ThreadRange(1, 16)
    ->UseRealTime()
    ->Repetitions(3)
    ->DisplayAggregatesOnly(true);

}  // namespace

BENCHMARK_MAIN();
