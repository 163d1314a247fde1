// vigil/detail/tsc.hpp — the raw clock reads of the hot path: the TSC, or CLOCK_MONOTONIC
// nanoseconds (what std::chrono::steady_clock reads) where the TSC is not used.
//
// Which of the two a thread uses is decided once by the runtime (detail/clock.hpp) and
// cached in the thread's state; this header only reads. It uses compiler builtins and
// <time.h>, not <x86intrin.h> (64,000 preprocessed lines) or <chrono>, so that every file
// that instruments stays cheap to compile.
// Thread-safety: pure reads. Hot-path cost: one rdtsc, or one vDSO clock_gettime.
#pragma once

#include <time.h>

#include <cstdint>

#include "vigil/config.hpp"

#if defined(__x86_64__) || defined(__i386__)
#define VIGIL_DETAIL_HAS_TSC 1
#else
#define VIGIL_DETAIL_HAS_TSC 0
#endif

VIGIL_NAMESPACE_BEGIN
namespace detail {

inline std::int64_t steady_ns() noexcept {
  timespec now;
  ::clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

VIGIL_DETAIL_ALWAYS_INLINE std::uint64_t read_tsc() noexcept {
#if VIGIL_DETAIL_HAS_TSC
  return __builtin_ia32_rdtsc();
#else
  return static_cast<std::uint64_t>(steady_ns());
#endif
}

// A timestamp in the unit the thread's choice gives: TSC ticks or steady nanoseconds.
VIGIL_DETAIL_ALWAYS_INLINE std::uint64_t ticks(bool use_tsc) noexcept {
  if (VIGIL_DETAIL_LIKELY(use_tsc)) return read_tsc();
  return static_cast<std::uint64_t>(steady_ns());
}

}  // namespace detail
VIGIL_NAMESPACE_END
