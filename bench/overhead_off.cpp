// Built with VIGIL_ENABLED=0 and linked into the overhead benchmark: the compiled-out span.
#include <benchmark/benchmark.h>

#include "vigil/runtime.hpp"

void BM_span_compiled_out(benchmark::State& state) {
  for (auto _ : state) {
    VIGIL_SPAN("bench.plain");
    benchmark::ClobberMemory();
  }
}
BENCHMARK(BM_span_compiled_out)->Repetitions(9)->DisplayAggregatesOnly(true);
