// vigil/trace/sampling.hpp — the sampling decisions a span makes as it opens.
//
// What the sampler (trace/sampler.hpp) decided is precomputed into a few atomics, so the
// common answers cost a span one relaxed load. The ratio decision looks only at the trace
// id's low 56 bits (the W3C random part), so every process of a trace agrees. Spans inside
// a process follow their local parent; the sampler decides for roots and for spans whose
// parent came from another process.
// Thread-safety: decisions read relaxed atomics.
#pragma once

#include <atomic>
#include <cstdint>

#include "vigil/common/ids.hpp"
#include "vigil/config.hpp"

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

}  // namespace detail
VIGIL_NAMESPACE_END
