// vigil/common/run_context.hpp — which run-context generation is in force (see
// common/resource.hpp for the contexts themselves). Spans and log records both read it, so it
// lives apart from either signal.
// Thread-safety: g_run_context is atomic; t_run_context belongs to its thread.
#pragma once

#include <atomic>
#include <cstdint>

#include "vigil/config.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

// The process-wide generation (set_run_context); 0 is the empty context.
inline std::atomic<std::uint32_t> g_run_context{0};
// A RunContextScope's generation on this thread; 0 defers to g_run_context.
inline thread_local std::uint32_t t_run_context = 0;

inline std::uint32_t effective_run_context(std::uint32_t generation) noexcept {
  return generation != 0 ? generation : g_run_context.load(std::memory_order_relaxed);
}

}  // namespace detail
VIGIL_NAMESPACE_END
