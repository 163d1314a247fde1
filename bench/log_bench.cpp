// bench/log_bench.cpp — what a log call costs: filtered by level (macro and component
// object), a JSON line with two fields formatted to a null sink (also with a `{}` filled,
// and inside a span, which adds the trace ids), and the caller's side of an asynchronous
// JSON sink. Quote ratios to BM_clock_pair and BM_tsc_pair from the same run.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>

#include "floor.hpp"
#include "vigil/runtime.hpp"

namespace {

// Formats every record as the JSON sink does and throws the line away.
class NullJsonSink : public vigil::LineSink {
 public:
  void format(const vigil::LogRecord& record, std::string& out) override {
    vigil::append_json_line(out, record);
  }
  void write_lines(std::string_view lines) override { benchmark::DoNotOptimize(lines.data()); }
};

// Installs `sinks` and the info level for one benchmark, and puts the defaults back.
class LogSetup {
 public:
  explicit LogSetup(vigil::LogSinks sinks) {
    vigil::set_run_context({{"acm.equipment", "FD_FAN"}, {"acm.run_id", "r42"}});
    vigil::reset_log_levels(vigil::Level::info);
    vigil::set_log_sinks(std::move(sinks));
  }
  ~LogSetup() { vigil::set_log_sinks({}); }
};

void BM_log_filtered(benchmark::State& state) {
  LogSetup setup({std::make_shared<NullJsonSink>()});
  int i = 0;
  for (auto _ : state) {
    VIGIL_LOG_DEBUG("GMM", "iteration {}", i, {"k", i});
    benchmark::DoNotOptimize(++i);
  }
}
BENCHMARK(BM_log_filtered)->ThreadRange(1, 16)->Repetitions(9)->DisplayAggregatesOnly(true);

void BM_log_filtered_component(benchmark::State& state) {
  LogSetup setup({std::make_shared<NullJsonSink>()});
  const auto log = vigil::component("GMM");
  int i = 0;
  for (auto _ : state) {
    log.debug("iteration {}", i, {"k", i});
    benchmark::DoNotOptimize(++i);
  }
}
BENCHMARK(BM_log_filtered_component)->Repetitions(9)->DisplayAggregatesOnly(true);

void BM_log_json_null(benchmark::State& state) {
  LogSetup setup({std::make_shared<NullJsonSink>()});
  int i = 0;
  for (auto _ : state) VIGIL_LOG_INFO("GMM", "fitted", {"k", ++i}, {"bic", -1234.5});
}
BENCHMARK(BM_log_json_null)->ThreadRange(1, 16)->Repetitions(9)->DisplayAggregatesOnly(true);

void BM_log_json_null_formatted(benchmark::State& state) {
  LogSetup setup({std::make_shared<NullJsonSink>()});
  int i = 0;
  for (auto _ : state) {
    VIGIL_LOG_INFO("GMM", "fitted k={} in {} s", ++i, 0.25, {"k", i}, {"bic", -1234.5});
  }
}
BENCHMARK(BM_log_json_null_formatted)->Repetitions(9)->DisplayAggregatesOnly(true);

void BM_log_json_null_in_span(benchmark::State& state) {
  auto spans = std::make_shared<vigil::MemoryExporter>();
  vigil::add_exporter(spans);  // spans record only while an exporter listens
  LogSetup setup({std::make_shared<NullJsonSink>()});
  {
    VIGIL_SPAN("fit.gmm");
    int i = 0;
    for (auto _ : state) VIGIL_LOG_INFO("GMM", "fitted", {"k", ++i}, {"bic", -1234.5});
  }
  vigil::remove_exporter(spans);
}
BENCHMARK(BM_log_json_null_in_span)->Repetitions(9)->DisplayAggregatesOnly(true);

void BM_log_json_async(benchmark::State& state) {
  static std::shared_ptr<vigil::AsyncSink> async;
  if (state.thread_index() == 0) {
    vigil::AsyncOptions options;
    options.max_queued_lines = 1 << 20;
    async = std::make_shared<vigil::AsyncSink>(std::make_shared<NullJsonSink>(), options);
    vigil::set_run_context({{"acm.equipment", "FD_FAN"}, {"acm.run_id", "r42"}});
    vigil::reset_log_levels(vigil::Level::info);
    vigil::set_log_sinks({async});
  }
  int i = 0;
  for (auto _ : state) VIGIL_LOG_INFO("GMM", "fitted", {"k", ++i}, {"bic", -1234.5});
  if (state.thread_index() == 0) {
    state.counters["dropped"] = static_cast<double>(async->dropped());
    vigil::set_log_sinks({});
    async.reset();
  }
}
BENCHMARK(BM_log_json_async)->ThreadRange(1, 16)->Repetitions(9)->DisplayAggregatesOnly(true);

}  // namespace

BENCHMARK_MAIN();
