// vigil/log/component_state.hpp — a component's run-time level, and the floor below which
// no component takes a record.
//
// Thread-safety: levels are atomics, written by log/level_filter.hpp, read by every call.
// Cost: a record below the floor costs one relaxed load and one compare.
#pragma once

#include <atomic>
#include <cstdint>
#include <string_view>

#include "vigil/config.hpp"
#include "vigil/log/level.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

// The lowest effective level of every component (log/site.hpp).
inline std::atomic<std::uint8_t> g_log_floor{0};

// One per component name, created by the runtime on first use and never freed (call sites
// keep pointers); `name` views the runtime's copy.
struct ComponentState {
  constexpr ComponentState(std::string_view n, Level l) noexcept : name(n), level(l) {}
  bool allows(Level l) const noexcept {
    return static_cast<std::uint8_t>(l) >=
           static_cast<std::uint8_t>(level.load(std::memory_order_relaxed));
  }
  std::string_view name;
  std::atomic<Level> level;
};

}  // namespace detail
VIGIL_NAMESPACE_END
