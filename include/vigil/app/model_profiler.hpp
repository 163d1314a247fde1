// vigil/app/model_profiler.hpp — per-model latency, CPU and memory figures, and what
// bounds each model (the ACGS-2 seed's model profiler).
//
//   vigil::ModelProfiler profiler;                     // 1000 samples kept per model
//   { auto t = profiler.track("gmm"); gmm.score(x); }  // or profiler.profile("gmm", fn)
//   vigil::ModelMetrics m = profiler.get_metrics("gmm");
//   std::cout << profiler.generate_report();
//
// A sample is the call's wall latency, the process's CPU time over that wall time (percent
// of one core; above 100 with several busy threads), and its resident set size before and
// after. The bottleneck is read from the averages over the kept samples:
//   compute bound  CPU >= 50%: the call computes; an accelerator may help
//   IO bound       CPU < 20% and P50 latency >= 1 ms: it waits; an accelerator will not
//   memory bound   CPU in [20%, 50%) and RSS grows >= 1 MiB per call on average
//   unknown        anything else, including calls under 1 ms at low CPU
// Thread-safety: every member may be called from any thread; CPU percent is the whole
// process's, so concurrent calls of other models inflate each other's.
#pragma once

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "vigil/config.hpp"
#include "vigil/metrics/registry.hpp"

VIGIL_NAMESPACE_BEGIN

enum class Bottleneck { compute_bound, io_bound, memory_bound, unknown };

inline const char* bottleneck_name(Bottleneck b) {
  switch (b) {
    case Bottleneck::compute_bound:
      return "compute_bound";
    case Bottleneck::io_bound:
      return "io_bound";
    case Bottleneck::memory_bound:
      return "memory_bound";
    case Bottleneck::unknown:
      break;
  }
  return "unknown";
}

struct ModelSample {
  double latency_ms = 0;
  double cpu_percent = 0;
  double rss_before_mb = 0;
  double rss_after_mb = 0;
};

struct ModelMetrics {
  std::string model;
  std::size_t count = 0;  // samples kept (at most max_samples)
  double p50_ms = 0, p95_ms = 0, p99_ms = 0, mean_ms = 0, std_ms = 0;
  double avg_cpu_percent = 0, peak_cpu_percent = 0;
  double avg_memory_mb = 0, peak_memory_mb = 0;  // RSS after the call
  double avg_memory_growth_mb = 0;               // RSS after - before
  Bottleneck bottleneck = Bottleneck::unknown;
  std::string recommendation;
};

namespace detail {

inline double process_cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

inline double resident_mb() {
  long pages = 0, resident = 0;
  if (std::FILE* statm = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(statm, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(statm);
  }
  return static_cast<double>(resident) * static_cast<double>(::sysconf(_SC_PAGESIZE)) / 1048576.0;
}

// Nearest-rank percentile of sorted values.
inline double nearest_rank(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  return sorted[std::min(sorted.size() - 1, rank == 0 ? 0 : rank - 1)];
}

}  // namespace detail

class ModelProfiler {
 public:
  explicit ModelProfiler(std::size_t max_samples = 1000)
      : max_samples_(std::max<std::size_t>(max_samples, 1)) {}

  /// Measures from construction to destruction and files the sample under `model`.
  class Tracker {
   public:
    Tracker(ModelProfiler& owner, std::string model)
        : owner_(owner),
          model_(std::move(model)),
          rss_before_(detail::resident_mb()),
          cpu_start_(detail::process_cpu_seconds()),
          start_(std::chrono::steady_clock::now()) {}
    ~Tracker() {
      const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start_;
      const double cpu = detail::process_cpu_seconds() - cpu_start_;
      ModelSample sample;
      sample.latency_ms = wall.count() * 1e3;
      sample.cpu_percent = wall.count() > 0 ? 100.0 * cpu / wall.count() : 0.0;
      sample.rss_before_mb = rss_before_;
      sample.rss_after_mb = detail::resident_mb();
      owner_.record(model_, sample);
    }
    Tracker(const Tracker&) = delete;
    Tracker& operator=(const Tracker&) = delete;

   private:
    ModelProfiler& owner_;
    std::string model_;
    double rss_before_;
    double cpu_start_;
    std::chrono::steady_clock::time_point start_;
  };

  Tracker track(std::string model) { return Tracker(*this, std::move(model)); }

  /// Calls `fn()` under track(model) and returns what it returns.
  template <class F>
  decltype(auto) profile(std::string model, F&& fn) {
    Tracker tracker(*this, std::move(model));
    return fn();
  }

  void record(const std::string& model, const ModelSample& sample) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& samples = samples_[model];
    samples.push_back(sample);
    if (samples.size() > max_samples_) samples.pop_front();
  }

  ModelMetrics get_metrics(const std::string& model) const {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = samples_.find(model);
    return summarise(model, it == samples_.end() ? std::deque<ModelSample>{} : it->second);
  }

  std::vector<ModelMetrics> all_metrics() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<ModelMetrics> out;
    for (const auto& [model, samples] : samples_) out.push_back(summarise(model, samples));
    return out;
  }

  /// One aligned row per model.
  std::string generate_report() const {
    std::string out;
    char line[256];
    std::snprintf(line, sizeof line, "%-20s %6s %9s %9s %9s %8s %8s %9s %-14s\n", "model", "count",
                  "p50_ms", "p95_ms", "p99_ms", "cpu_avg", "cpu_max", "rss_mb", "bottleneck");
    out += line;
    for (const ModelMetrics& m : all_metrics()) {
      std::snprintf(line, sizeof line,
                    "%-20.20s %6zu %9.3f %9.3f %9.3f %7.1f%% %7.1f%% %9.1f %-14s\n",
                    m.model.c_str(), m.count, m.p50_ms, m.p95_ms, m.p99_ms, m.avg_cpu_percent,
                    m.peak_cpu_percent, m.peak_memory_mb, bottleneck_name(m.bottleneck));
      out += line;
    }
    return out;
  }

  /// Forgets one model's samples, or every model's.
  void reset(const std::string& model = {}) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (model.empty()) {
      samples_.clear();
    } else {
      samples_.erase(model);
    }
  }

  /// Sets gauges model_latency_seconds{model,quantile}, model_cpu_percent{model},
  /// model_memory_bytes{model} and model_bottleneck{model,type} (1 for its class).
  void export_metrics() const {
    for (const ModelMetrics& m : all_metrics()) {
      for (const auto& [quantile, ms] :
           {std::pair{"0.5", m.p50_ms}, std::pair{"0.95", m.p95_ms}, std::pair{"0.99", m.p99_ms}}) {
        gauge("model_latency_seconds", {{"model", m.model}, {"quantile", quantile}},
              "Model call latency over the kept samples")
            .set(ms / 1e3);
      }
      gauge("model_cpu_percent", {{"model", m.model}}, "Process CPU during the model's calls")
          .set(m.avg_cpu_percent);
      gauge("model_memory_bytes", {{"model", m.model}}, "Peak RSS after the model's calls")
          .set(m.peak_memory_mb * 1048576.0);
      for (Bottleneck b : {Bottleneck::compute_bound, Bottleneck::io_bound,
                           Bottleneck::memory_bound, Bottleneck::unknown}) {
        gauge("model_bottleneck", {{"model", m.model}, {"type", bottleneck_name(b)}},
              "1 for the model's bottleneck class")
            .set(b == m.bottleneck ? 1.0 : 0.0);
      }
    }
  }

 private:
  static ModelMetrics summarise(const std::string& model, const std::deque<ModelSample>& samples) {
    ModelMetrics m;
    m.model = model;
    m.count = samples.size();
    if (samples.empty()) {
      m.recommendation = "no samples yet";
      return m;
    }
    std::vector<double> latency;
    for (const ModelSample& s : samples) {
      latency.push_back(s.latency_ms);
      m.mean_ms += s.latency_ms;
      m.avg_cpu_percent += s.cpu_percent;
      m.peak_cpu_percent = std::max(m.peak_cpu_percent, s.cpu_percent);
      m.avg_memory_mb += s.rss_after_mb;
      m.peak_memory_mb = std::max(m.peak_memory_mb, s.rss_after_mb);
      m.avg_memory_growth_mb += s.rss_after_mb - s.rss_before_mb;
    }
    const auto n = static_cast<double>(samples.size());
    m.mean_ms /= n;
    m.avg_cpu_percent /= n;
    m.avg_memory_mb /= n;
    m.avg_memory_growth_mb /= n;
    for (double v : latency) m.std_ms += (v - m.mean_ms) * (v - m.mean_ms);
    m.std_ms = samples.size() > 1 ? std::sqrt(m.std_ms / (n - 1)) : 0.0;
    std::sort(latency.begin(), latency.end());
    m.p50_ms = detail::nearest_rank(latency, 0.50);
    m.p95_ms = detail::nearest_rank(latency, 0.95);
    m.p99_ms = detail::nearest_rank(latency, 0.99);
    classify(m);
    return m;
  }

  static void classify(ModelMetrics& m) {
    if (m.avg_cpu_percent >= 50) {
      m.bottleneck = Bottleneck::compute_bound;
      m.recommendation = "compute bound: an accelerator (GPU/SIMD) or more cores may help";
    } else if (m.avg_cpu_percent < 20 && m.p50_ms >= 1) {
      m.bottleneck = Bottleneck::io_bound;
      m.recommendation =
          "IO bound: it waits; an accelerator will not help, batching or caching may";
    } else if (m.avg_cpu_percent >= 20 && m.avg_memory_growth_mb >= 1) {
      m.bottleneck = Bottleneck::memory_bound;
      m.recommendation = "memory bound: cut allocations and copies before adding an accelerator";
    } else {
      m.bottleneck = Bottleneck::unknown;
      m.recommendation = "no clear bound: too short or mixed; profile it (VIGIL_PROFILE_SECTION)";
    }
  }

  std::size_t max_samples_;
  mutable std::mutex mutex_;
  std::map<std::string, std::deque<ModelSample>> samples_;
};

VIGIL_NAMESPACE_END
