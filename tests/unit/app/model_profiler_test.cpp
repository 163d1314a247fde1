// vigil/app/model_profiler.hpp: percentiles from known sleeps, bottleneck classes on a
// spin and a sleep, bounded samples, the report, reset and the exported gauges.
#include "vigil/app/model_profiler.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "vigil/export/metrics/prometheus_text.hpp"

namespace {

void spin(std::chrono::milliseconds how_long) {
  const auto end = std::chrono::steady_clock::now() + how_long;
  volatile double x = 1;
  while (std::chrono::steady_clock::now() < end) x = x * 1.0000001;
}

}  // namespace

TEST_CASE("percentiles follow the calls' latencies", "[model_profiler]") {
  vigil::ModelProfiler profiler;
  // Sleeps far apart, so that a loaded machine's oversleep (several ms) cannot reorder them.
  for (int ms : {2, 10, 30, 60, 120}) {
    auto tracked = profiler.track("sleepy");
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
  }
  const vigil::ModelMetrics m = profiler.get_metrics("sleepy");
  CHECK(m.count == 5);
  CHECK(m.p50_ms >= 30);
  CHECK(m.p50_ms < 60);  // nearest rank: the third of five sorted samples
  CHECK(m.p95_ms >= 120);
  CHECK(m.p99_ms == m.p95_ms);
  CHECK(m.mean_ms >= 44);
  CHECK(m.std_ms > 20);
}

TEST_CASE("a spin is compute bound and a sleep is IO bound", "[model_profiler]") {
  vigil::ModelProfiler profiler;
  for (int i = 0; i < 5; ++i) {
    profiler.profile("spin", [] { spin(std::chrono::milliseconds(20)); });
    CHECK(profiler.profile("sleep", [] {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      return 7;
    }) == 7);
  }
  const auto spin_m = profiler.get_metrics("spin");
  const auto sleep_m = profiler.get_metrics("sleep");
  CHECK(spin_m.avg_cpu_percent > 50);
  CHECK(spin_m.bottleneck == vigil::Bottleneck::compute_bound);
  CHECK(sleep_m.avg_cpu_percent < 20);
  CHECK(sleep_m.bottleneck == vigil::Bottleneck::io_bound);
  CHECK_THAT(sleep_m.recommendation, Catch::Contains("will not help"));
  CHECK(profiler.get_metrics("never").bottleneck == vigil::Bottleneck::unknown);
  CHECK(profiler.get_metrics("never").count == 0);
}

TEST_CASE("RSS growth during a call is measured", "[model_profiler]") {
  vigil::ModelProfiler profiler;
  std::vector<std::unique_ptr<char[]>> kept;
  for (int i = 0; i < 3; ++i) {
    profiler.profile("grow", [&] {
      for (int mb = 0; mb < 16; ++mb) {
        kept.emplace_back(new char[1 << 20]);
        for (int page = 0; page < (1 << 20); page += 4096) kept.back()[page] = 1;
      }
    });
  }
  const auto m = profiler.get_metrics("grow");
  CHECK(m.avg_memory_growth_mb >= 8);
  CHECK(m.peak_memory_mb >= m.avg_memory_mb);
}

TEST_CASE("the bottleneck thresholds: 50% and 20% CPU, 1 ms, 1 MiB growth", "[model_profiler]") {
  vigil::ModelProfiler profiler;
  const auto class_of = [&](const char* model, vigil::ModelSample sample) {
    profiler.record(model, sample);
    return profiler.get_metrics(model).bottleneck;
  };
  CHECK(class_of("busy", {5, 50, 100, 100}) == vigil::Bottleneck::compute_bound);
  CHECK(class_of("waits", {1, 19.9, 100, 100}) == vigil::Bottleneck::io_bound);
  CHECK(class_of("quick", {0.9, 10, 100, 100}) == vigil::Bottleneck::unknown);
  CHECK(class_of("allocates", {5, 30, 100, 101}) == vigil::Bottleneck::memory_bound);
  CHECK(class_of("mixed", {5, 30, 100, 100.5}) == vigil::Bottleneck::unknown);
  CHECK_THAT(profiler.get_metrics("allocates").recommendation, Catch::Contains("memory bound"));
}

TEST_CASE("samples are bounded, reset forgets, the report and gauges show each model",
          "[model_profiler]") {
  vigil::ModelProfiler profiler(3);
  for (int i = 0; i < 10; ++i) profiler.record("bounded", {static_cast<double>(i), 80, 10, 10});
  const auto m = profiler.get_metrics("bounded");
  CHECK(m.count == 3);
  CHECK(m.p50_ms == 8);  // only 7, 8, 9 kept
  const std::string report = profiler.generate_report();
  CHECK_THAT(report, Catch::StartsWith("model "));
  CHECK_THAT(report, Catch::Contains("bounded") && Catch::Contains("compute_bound"));
  profiler.export_metrics();
  const std::string text = vigil::prometheus_text();
  CHECK_THAT(text,
             Catch::Contains("model_latency_seconds{model=\"bounded\",quantile=\"0.5\"} 0.008"));
  CHECK_THAT(text, Catch::Contains("model_bottleneck{model=\"bounded\",type=\"compute_bound\"} 1"));
  profiler.reset("bounded");
  CHECK(profiler.get_metrics("bounded").count == 0);
}

TEST_CASE("concurrent tracking from many threads keeps every sample", "[model_profiler]") {
  vigil::ModelProfiler profiler(100000);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) auto tracked = profiler.track("shared");
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(profiler.get_metrics("shared").count == 2000);
}
