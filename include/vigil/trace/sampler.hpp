// vigil/trace/sampler.hpp — head sampling (OTEL_TRACES_SAMPLER) and keeping failed traces.
//
// Samplers as OpenTelemetry names them: always_on, always_off, traceidratio and their
// parentbased_ forms (the default is parentbased_always_on). The decisions themselves are
// made in trace/sampling.hpp.
// Keeping failed traces (on by default): unsampled spans are still recorded, and the
// collector holds them until their trace's local root ends; a trace in which any span ends
// in ERROR is then exported whole, the others are discarded. Switched off, an unsampled span
// only carries its context for its children and records nothing.
// Thread-safety: set_* may be called from any thread; decisions read relaxed atomics.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>

#include "vigil/config.hpp"
#include "vigil/detail/report.hpp"
#include "vigil/trace/sampling.hpp"

VIGIL_NAMESPACE_BEGIN

namespace detail {

inline std::uint64_t ratio_threshold(double ratio) {
  if (!(ratio > 0)) return 0;
  if (ratio >= 1) return std::uint64_t{1} << kRatioBits;
  return static_cast<std::uint64_t>(std::ldexp(ratio, kRatioBits));
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
