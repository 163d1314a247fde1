// bench/log_bench.cpp — what a log call costs: filtered by level (macro and component
// object); a JSON line with two fields formatted to a null sink by its caller (caller
// delivery; also with a `{}` filled, and inside a span, which adds the trace ids); the
// caller's side of background delivery with a JSON sink behind the log worker (1..16
// threads); and the worker's formatting throughput (JSON and console lines per second).
// Quote ratios to BM_clock_pair and BM_tsc_pair from the same run.
#include <benchmark/benchmark.h>

#include <cstdio>
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

// Installs `sinks`, the info level and a delivery for one benchmark, and puts the defaults
// back.
class LogSetup {
 public:
  explicit LogSetup(vigil::LogSinks sinks,
                    vigil::LogDelivery delivery = vigil::LogDelivery::caller) {
    vigil::set_run_context({{"acm.equipment", "FD_FAN"}, {"acm.run_id", "r42"}});
    vigil::reset_log_levels(vigil::Level::info);
    vigil::set_log_delivery(delivery);
    vigil::set_log_sinks(std::move(sinks));
  }
  ~LogSetup() {
    vigil::set_log_sinks({});
    vigil::set_log_delivery(vigil::LogDelivery::background);
  }
};

std::uint64_t log_records_dropped() {
  return vigil::detail::self_counters().log_records_dropped.load();
}

std::FILE* dev_null() {
  static std::FILE* file = std::fopen("/dev/null", "w");
  return file;
}

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

// The caller's cost with the JSON sink behind the log worker. Every 4096 calls (half a
// ring of one-item records), with the clock stopped, the thread delivers what its ring
// holds, so that the figure is the cost of a record queued, never of one dropped by a full
// ring ("dropped" should stay 0). The stopped part takes most of the wall time: MinTime
// keeps the run short.
void BM_log_json_async(benchmark::State& state) {
  static LogSetup* setup = nullptr;
  static std::uint64_t dropped_before = 0;
  if (state.thread_index() == 0) {
    setup = new LogSetup({std::make_shared<NullJsonSink>()}, vigil::LogDelivery::background);
    dropped_before = log_records_dropped();
  }
  int i = 0;
  for (auto _ : state) {
    VIGIL_LOG_INFO("GMM", "fitted", {"k", ++i}, {"bic", -1234.5});
    if ((i & 4095) == 0) {
      state.PauseTiming();
      vigil::flush_logs();
      state.ResumeTiming();
    }
  }
  if (state.thread_index() == 0) {
    vigil::flush_logs();
    state.counters["dropped"] = static_cast<double>(log_records_dropped() - dropped_before);
    delete setup;
  }
}
BENCHMARK(BM_log_json_async)
    ->ThreadRange(1, 16)
    ->MinTime(0.1)
    ->Repetitions(9)
    ->DisplayAggregatesOnly(true);

// The log worker's side: 1000 records queued with the clock stopped, then delivered (read
// back, formatted, written to /dev/null) on this thread; items/s is lines per second on one
// core.
void worker_throughput(benchmark::State& state, std::shared_ptr<vigil::LogSink> sink) {
  LogSetup setup({std::move(sink)}, vigil::LogDelivery::background);
  constexpr int kBatch = 1000;
  int i = 0;
  for (auto _ : state) {
    state.PauseTiming();
    for (int n = 0; n < kBatch; ++n) VIGIL_LOG_INFO("GMM", "fitted", {"k", ++i}, {"bic", -1234.5});
    state.ResumeTiming();
    vigil::flush_logs();
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}

void BM_log_worker_json(benchmark::State& state) {
  worker_throughput(state, std::make_shared<vigil::JsonSink>(dev_null()));
}
BENCHMARK(BM_log_worker_json)->Repetitions(5)->DisplayAggregatesOnly(true);

void BM_log_worker_console(benchmark::State& state) {
  worker_throughput(state, std::make_shared<vigil::ConsoleSink>(dev_null()));
}
BENCHMARK(BM_log_worker_console)->Repetitions(5)->DisplayAggregatesOnly(true);

}  // namespace

BENCHMARK_MAIN();
