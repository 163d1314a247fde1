// bench/export_bench.cpp — what a span costs the application while its OTLP/HTTP collector
// is unreachable: the same recorded span as BM_span_plain, with the HTTP exporter attached
// to a closed port. The network is the exporter's sender thread's problem, so the ratio to
// BM_tsc_pair should match BM_span_plain's.
#include <benchmark/benchmark.h>

#include <memory>

#include "floor.hpp"
#include "vigil/export/otlp_http.hpp"
#include "vigil/vigil.hpp"

namespace {

void run_spans(benchmark::State& state, std::shared_ptr<vigil::SpanExporter> exporter) {
  vigil::configure({std::size_t{1} << 21, std::chrono::milliseconds(1)});
  vigil::add_exporter(exporter);
  for (auto _ : state) {
    VIGIL_SPAN("bench.plain");
    benchmark::ClobberMemory();
  }
  vigil::remove_exporter(exporter);
}

class DiscardExporter : public vigil::SpanExporter {
 public:
  void export_spans(const std::vector<vigil::SpanData>&, const vigil::Resource&) override {}
};

void BM_span_plain_discarding(benchmark::State& state) {
  run_spans(state, std::make_shared<DiscardExporter>());
}
BENCHMARK(BM_span_plain_discarding)
    ->Iterations(500'000)
    ->Repetitions(9)
    ->DisplayAggregatesOnly(true);

void BM_span_plain_collector_down(benchmark::State& state) {
  vigil::OtlpHttpOptions options;
  options.endpoint = "http://127.0.0.1:9/v1/traces";  // discard port: connection refused
  options.timeout = std::chrono::milliseconds(100);
  options.max_attempts = 2;
  options.shutdown_deadline = std::chrono::milliseconds(200);
  auto exporter = std::make_shared<vigil::OtlpHttpExporter>(options);
  run_spans(state, exporter);
  exporter->shutdown();
  state.counters["http_dropped"] = static_cast<double>(exporter->stats().spans_dropped);
}
BENCHMARK(BM_span_plain_collector_down)
    ->Iterations(500'000)
    ->Repetitions(9)
    ->DisplayAggregatesOnly(true);

}  // namespace

BENCHMARK_MAIN();
