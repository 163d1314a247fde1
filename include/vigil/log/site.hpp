// vigil/log/site.hpp — what a log call checks before anything is evaluated: the process-wide
// floor, its component's level, and the call site that remembers its component.
//
// g_log_floor holds the lowest effective level of all components (log/level_filter.hpp keeps
// it), so a record below every level is rejected by one relaxed load and one compare; above
// it, a call site compares against its component's level (one more load). It starts at
// trace so that the first record of the process reaches the runtime, which reads the
// environment; where no runtime is linked in it goes to `off` at that first record.
// Thread-safety: levels are atomics; a call site resolves its component once (a call site
// may pass a different component each time: then it resolves again).
#pragma once

#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <string_view>

#include "vigil/config.hpp"
#include "vigil/log/arg.hpp"
#include "vigil/log/component_state.hpp"
#include "vigil/log/level.hpp"
#include "vigil/log/runtime_link.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

inline bool log_floor_allows(Level level) noexcept {
  return static_cast<std::uint8_t>(level) >= g_log_floor.load(std::memory_order_relaxed);
}

// The macros' entry: the first argument is the message.
inline void emit_call(const ComponentState& component, Level level, Decoration decoration,
                      std::initializer_list<LogArg> all) noexcept {
  emit(component, level, decoration, all.begin()->value().as_string(), all.begin() + 1,
       all.size() - 1);
}

// A macro call site's component, resolved on first use and checked by name afterwards.
class LogSite {
 public:
  constexpr LogSite() noexcept = default;
  const ComponentState& resolve(std::string_view name) {
    if (name.empty()) name = "main";
    const ComponentState* state = state_.load(std::memory_order_acquire);
    if (VIGIL_DETAIL_LIKELY(state != nullptr && state->name == name)) return *state;
    state = &find_component(name);
    state_.store(state, std::memory_order_release);
    return *state;
  }

 private:
  std::atomic<const ComponentState*> state_{nullptr};
};

}  // namespace detail
VIGIL_NAMESPACE_END
