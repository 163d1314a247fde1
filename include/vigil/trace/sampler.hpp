// vigil/trace/sampler.hpp — head sampling (OTEL_TRACES_SAMPLER) and keeping failed traces.
//
// Samplers as OpenTelemetry names them: always_on, always_off, traceidratio and their
// parentbased_ forms (the default is parentbased_always_on). The ratio decision looks only
// at the trace id's low 56 bits (the W3C random part), so every process of a trace agrees.
// Spans inside a process follow their local parent; the sampler decides for roots and for
// spans whose parent came from another process.
// Keeping failed traces (on by default): unsampled spans are still recorded, and the
// collector holds them until their trace's local root ends; a trace in which any span ends
// in ERROR is then exported whole, the others are discarded. Switched off, an unsampled span
// only carries its context for its children and records nothing.
// Thread-safety: set_* may be called from any thread; decisions read relaxed atomics.
#pragma once

#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>

#include "vigil/config.hpp"
#include "vigil/detail/report.hpp"
#include "vigil/trace/ids.hpp"

VIGIL_NAMESPACE_BEGIN

enum class SamplerKind : std::uint8_t {
  always_on,
  always_off,
  traceidratio,
  parentbased_always_on,
  parentbased_always_off,
  parentbased_traceidratio
};

struct Sampler {
  SamplerKind kind = SamplerKind::parentbased_always_on;
  double ratio = 1.0;  // for the traceidratio forms, in [0, 1]
};

namespace detail {

constexpr std::uint64_t kRatioBits = 56;

inline std::atomic<SamplerKind> g_sampler_kind{SamplerKind::parentbased_always_on};
inline std::atomic<std::uint64_t> g_sampler_threshold{std::uint64_t{1} << kRatioBits};
inline std::atomic<bool> g_keep_failed{true};
inline std::atomic<bool> g_sampler_set_by_code{false};

// What the sampler says for a span without a parent in this process, precomputed so that
// the common answers cost one load on the span's path.
enum class RootDecision : std::uint8_t { yes, no, by_ratio };
inline std::atomic<RootDecision> g_root_decision{RootDecision::yes};

inline std::uint64_t ratio_threshold(double ratio) {
  if (!(ratio > 0)) return 0;
  if (ratio >= 1) return std::uint64_t{1} << kRatioBits;
  return static_cast<std::uint64_t>(std::ldexp(ratio, kRatioBits));
}

inline bool ratio_says_yes(TraceId trace) {
  const std::uint64_t random = trace.low & ((std::uint64_t{1} << kRatioBits) - 1);
  return random < g_sampler_threshold.load(std::memory_order_relaxed);
}

// A span with no parent in this process.
inline bool sample_root(TraceId trace) {
  const RootDecision decision = g_root_decision.load(std::memory_order_relaxed);
  return decision == RootDecision::yes ||
         (decision == RootDecision::by_ratio && ratio_says_yes(trace));
}

// A span whose parent lives in another process.
inline bool sample_remote_child(bool parent_sampled, TraceId trace) {
  switch (g_sampler_kind.load(std::memory_order_relaxed)) {
    case SamplerKind::parentbased_always_on:
    case SamplerKind::parentbased_always_off:
    case SamplerKind::parentbased_traceidratio:
      return parent_sampled;
    default:
      return sample_root(trace);
  }
}

inline RootDecision root_decision(SamplerKind kind) {
  switch (kind) {
    case SamplerKind::always_on:
    case SamplerKind::parentbased_always_on:
      return RootDecision::yes;
    case SamplerKind::always_off:
    case SamplerKind::parentbased_always_off:
      return RootDecision::no;
    case SamplerKind::traceidratio:
    case SamplerKind::parentbased_traceidratio:
      break;
  }
  return RootDecision::by_ratio;
}

inline void apply_sampler(const Sampler& sampler) {
  g_sampler_threshold.store(ratio_threshold(sampler.ratio), std::memory_order_relaxed);
  g_sampler_kind.store(sampler.kind, std::memory_order_relaxed);
  g_root_decision.store(root_decision(sampler.kind), std::memory_order_relaxed);
}

inline bool parse_sampler_kind(const char* name, SamplerKind& kind) {
  static constexpr struct {
    const char* name;
    SamplerKind kind;
  } kNames[] = {{"always_on", SamplerKind::always_on},
                {"always_off", SamplerKind::always_off},
                {"traceidratio", SamplerKind::traceidratio},
                {"parentbased_always_on", SamplerKind::parentbased_always_on},
                {"parentbased_always_off", SamplerKind::parentbased_always_off},
                {"parentbased_traceidratio", SamplerKind::parentbased_traceidratio}};
  for (const auto& entry : kNames) {
    if (std::strcmp(name, entry.name) == 0) {
      kind = entry.kind;
      return true;
    }
  }
  return false;
}

/// OTEL_TRACES_SAMPLER and OTEL_TRACES_SAMPLER_ARG; a malformed value is reported once and
/// the default (parentbased_always_on, ratio 1) kept for it.
inline Sampler sampler_from_environment() {
  Sampler sampler;
  if (const char* name = std::getenv("OTEL_TRACES_SAMPLER"); name != nullptr && *name != '\0') {
    if (!parse_sampler_kind(name, sampler.kind)) {
      report_once("OTEL_TRACES_SAMPLER",
                  std::string("OTEL_TRACES_SAMPLER='") + name +
                      "' is not a known sampler; using parentbased_always_on");
    }
  }
  if (const char* arg = std::getenv("OTEL_TRACES_SAMPLER_ARG"); arg != nullptr && *arg != '\0') {
    char* end = nullptr;
    const double ratio = std::strtod(arg, &end);
    if (end == arg || *end != '\0' || !(ratio >= 0 && ratio <= 1)) {
      report_once("OTEL_TRACES_SAMPLER_ARG", std::string("OTEL_TRACES_SAMPLER_ARG='") + arg +
                                                 "' is not a ratio in [0, 1]; using 1");
    } else {
      sampler.ratio = ratio;
    }
  }
  return sampler;
}

}  // namespace detail

/// Replaces the sampler (and the environment's choice) for spans started from now on.
inline void set_sampler(const Sampler& sampler) {
  detail::g_sampler_set_by_code.store(true, std::memory_order_relaxed);
  detail::apply_sampler(sampler);
}

/// Whether unsampled spans are recorded so that failed traces can be exported whole.
inline void set_keep_failed_traces(bool keep) {
  detail::g_keep_failed.store(keep, std::memory_order_relaxed);
}

VIGIL_NAMESPACE_END
