// vigil/app/load_runner.hpp — a callable under load (the seed's GPUBenchmark): warm-up
// calls, then `iterations` calls one after another, then the same number spread over
// `threads` threads started together. Figures per phase: calls, wall seconds, calls per
// second, latency mean/P50/P95/P99/max in ms, errors (calls that threw). to_json() gives
// them as one JSON object.
//
//   vigil::LoadResult r = vigil::LoadRunner({/*warmup*/ 10, /*iterations*/ 200, /*threads*/ 8})
//                             .run("score.gmm", [&] { gmm.score(rows); });
//
// Thread-safety: run() may be called from any thread; the callable must be safe to call
// from `threads` threads at once.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "vigil/app/model_profiler.hpp"
#include "vigil/config.hpp"
#include "vigil/detail/json.hpp"

VIGIL_NAMESPACE_BEGIN

struct LoadOptions {
  std::size_t warmup = 10;
  std::size_t iterations = 100;
  std::size_t threads = 4;
};

struct LoadPhase {
  std::size_t threads = 1;
  std::size_t calls = 0;
  std::size_t errors = 0;
  double wall_s = 0;
  double calls_per_s = 0;
  double mean_ms = 0, p50_ms = 0, p95_ms = 0, p99_ms = 0, max_ms = 0;
};

struct LoadResult {
  std::string name;
  LoadPhase sequential;
  LoadPhase concurrent;

  std::string to_json() const {
    std::string out;
    {
      detail::LineBuffer buffer(out);
      buffer.put("{\"name\":");
      detail::put_json_string(buffer, name);
      put_phase(buffer, "sequential", sequential);
      put_phase(buffer, "concurrent", concurrent);
      buffer.put("}");
    }
    return out;
  }

 private:
  static void put_phase(detail::LineBuffer& out, const char* key, const LoadPhase& p) {
    out.put(",\"");
    out.put(key);
    out.put("\":{\"threads\":");
    out.put_integer(static_cast<std::int64_t>(p.threads));
    out.put(",\"calls\":");
    out.put_integer(static_cast<std::int64_t>(p.calls));
    out.put(",\"errors\":");
    out.put_integer(static_cast<std::int64_t>(p.errors));
    for (const auto& [field, value] :
         {std::pair{",\"wall_s\":", p.wall_s}, std::pair{",\"calls_per_s\":", p.calls_per_s},
          std::pair{",\"mean_ms\":", p.mean_ms}, std::pair{",\"p50_ms\":", p.p50_ms},
          std::pair{",\"p95_ms\":", p.p95_ms}, std::pair{",\"p99_ms\":", p.p99_ms},
          std::pair{",\"max_ms\":", p.max_ms}}) {
      out.put(field);
      detail::put_json_number(out, value);
    }
    out.put('}');
  }
};

class LoadRunner {
 public:
  explicit LoadRunner(LoadOptions options = {}) : options_(options) {
    options_.threads = std::max<std::size_t>(options_.threads, 1);
  }

  template <class F>
  LoadResult run(std::string name, F&& fn) const {
    for (std::size_t i = 0; i < options_.warmup; ++i) call(fn);
    LoadResult result;
    result.name = std::move(name);
    result.sequential = measure(fn, 1);
    result.concurrent = measure(fn, options_.threads);
    return result;
  }

 private:
  // Milliseconds, or a negative value when the call threw.
  template <class F>
  static double call(F& fn) {
    const auto start = std::chrono::steady_clock::now();
    try {
      fn();
    } catch (...) {
      return -1;
    }
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
  }

  template <class F>
  LoadPhase measure(F& fn, std::size_t threads) const {
    std::vector<std::vector<double>> per_thread(threads);
    std::atomic<bool> go{false};
    std::vector<std::thread> workers;
    const std::size_t share = options_.iterations / threads, extra = options_.iterations % threads;
    for (std::size_t t = 0; t < threads; ++t) {
      workers.emplace_back([&, t] {
        while (!go.load(std::memory_order_acquire)) std::this_thread::yield();
        for (std::size_t i = 0; i < share + (t < extra ? 1 : 0); ++i)
          per_thread[t].push_back(call(fn));
      });
    }
    const auto start = std::chrono::steady_clock::now();
    go.store(true, std::memory_order_release);
    for (auto& worker : workers) worker.join();
    LoadPhase phase;
    phase.threads = threads;
    phase.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::vector<double> ok;
    for (const auto& samples : per_thread) {
      for (double ms : samples) {
        ++phase.calls;
        if (ms < 0) {
          ++phase.errors;
        } else {
          ok.push_back(ms);
        }
      }
    }
    phase.calls_per_s = phase.wall_s > 0 ? static_cast<double>(phase.calls) / phase.wall_s : 0;
    std::sort(ok.begin(), ok.end());
    for (double ms : ok) phase.mean_ms += ms;
    if (!ok.empty()) {
      phase.mean_ms /= static_cast<double>(ok.size());
      phase.p50_ms = detail::nearest_rank(ok, 0.50);
      phase.p95_ms = detail::nearest_rank(ok, 0.95);
      phase.p99_ms = detail::nearest_rank(ok, 0.99);
      phase.max_ms = ok.back();
    }
    return phase;
  }

  LoadOptions options_;
};

VIGIL_NAMESPACE_END
