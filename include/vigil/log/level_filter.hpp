// vigil/log/level_filter.hpp — run-time log levels, overall and per component.
//
// Every component (RUN, GMM, SQL...) has an effective level: its own override, else the
// base level (info unless set). VIGIL_LOG_LEVEL in the environment sets both before the
// first record: `VIGIL_LOG_LEVEL=debug,GMM=trace,SQL=warn`. Calls in code
// (set_log_level) are applied after the environment, so code wins. A malformed entry is
// reported once and ignored.
// Cost: g_log_floor (log/component_state.hpp) holds the lowest effective level of all
// components, so a record below every level is rejected by one relaxed load and one
// compare; above it, a call site compares against its component's level (one more load). It
// starts at trace so that the first record of the process reaches configure(), which reads
// the environment.
// Thread-safety: every function may be called from any thread; changes take effect for
// records emitted after they return.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "vigil/config.hpp"
#include "vigil/detail/report.hpp"
#include "vigil/log/component_state.hpp"
#include "vigil/log/level.hpp"
#include "vigil/log/level_names.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

struct LevelState {
  std::mutex mutex;
  std::map<std::string, std::unique_ptr<ComponentState>, std::less<>> components;
  std::map<std::string, Level, std::less<>> overrides;  // also for components not seen yet
  Level base = Level::info;
  bool configured = false;
};

inline LevelState& level_state() {
  static auto* state = new LevelState();  // leaked on purpose: call sites keep pointers
  return *state;
}

inline void apply_levels_locked(LevelState& state) {
  auto floor = static_cast<std::uint8_t>(state.base);
  for (auto& [name, component] : state.components) {
    const auto found = state.overrides.find(name);
    component->level.store(found != state.overrides.end() ? found->second : state.base,
                           std::memory_order_relaxed);
  }
  for (const auto& [name, level] : state.overrides) {
    floor = std::min(floor, static_cast<std::uint8_t>(level));
  }
  g_log_floor.store(floor, std::memory_order_relaxed);
}

// Parses `level,COMPONENT=level,...` into `state`; returns false if any entry was bad.
inline bool parse_level_spec_locked(LevelState& state, std::string_view spec,
                                    std::string_view origin) {
  bool all_good = true;
  while (!spec.empty()) {
    const std::size_t comma = spec.find(',');
    std::string_view entry = spec.substr(0, comma);
    spec = comma == std::string_view::npos ? std::string_view() : spec.substr(comma + 1);
    while (!entry.empty() && entry.front() == ' ') entry.remove_prefix(1);
    while (!entry.empty() && entry.back() == ' ') entry.remove_suffix(1);
    if (entry.empty()) continue;
    const std::size_t eq = entry.find('=');
    const std::string_view component =
        eq == std::string_view::npos ? std::string_view() : entry.substr(0, eq);
    const auto level = parse_level(eq == std::string_view::npos ? entry : entry.substr(eq + 1));
    if (!level || (eq != std::string_view::npos && component.empty())) {
      report_once(std::string(origin) + ":" + std::string(entry),
                  std::string(origin) + ": ignoring '" + std::string(entry) +
                      "' (expected a level, or COMPONENT=level; levels: trace debug info warn "
                      "error off)");
      all_good = false;
      continue;
    }
    if (component.empty()) {
      state.base = *level;
    } else {
      state.overrides[std::string(component)] = *level;
    }
  }
  return all_good;
}

inline void configure_locked(LevelState& state) {
  if (state.configured) return;
  state.configured = true;
  if (const char* spec = std::getenv("VIGIL_LOG_LEVEL"); spec != nullptr) {
    parse_level_spec_locked(state, spec, "VIGIL_LOG_LEVEL");
  }
  apply_levels_locked(state);
}

/// The state of component `name`, created at its first use.
inline ComponentState& component_state(std::string_view name) {
  if (name.empty()) name = "main";
  auto& state = level_state();
  std::lock_guard<std::mutex> lock(state.mutex);
  configure_locked(state);
  auto found = state.components.find(name);
  if (found == state.components.end()) {
    const auto override_level = state.overrides.find(name);
    const Level level =
        override_level != state.overrides.end() ? override_level->second : state.base;
    found = state.components.emplace(std::string(name), nullptr).first;
    // The map's nodes never move: the state's name views the key.
    found->second = std::make_unique<ComponentState>(found->first, level);
  }
  return *found->second;
}

}  // namespace detail

/// Sets the base level: every component without its own level follows it.
inline void set_log_level(Level level) {
  auto& state = detail::level_state();
  std::lock_guard<std::mutex> lock(state.mutex);
  detail::configure_locked(state);
  state.base = level;
  detail::apply_levels_locked(state);
}

/// Sets the level of one component, whatever the base level.
inline void set_log_level(std::string_view component, Level level) {
  auto& state = detail::level_state();
  std::lock_guard<std::mutex> lock(state.mutex);
  detail::configure_locked(state);
  state.overrides[std::string(component)] = level;
  detail::apply_levels_locked(state);
}

/// Applies a spec like VIGIL_LOG_LEVEL's (`debug,GMM=trace`); bad entries are reported once
/// and skipped, the others applied. Returns false if any entry was bad.
inline bool set_log_levels(std::string_view spec) {
  auto& state = detail::level_state();
  std::lock_guard<std::mutex> lock(state.mutex);
  detail::configure_locked(state);
  const bool all_good = detail::parse_level_spec_locked(state, spec, "log levels");
  detail::apply_levels_locked(state);
  return all_good;
}

/// Drops every per-component level and sets the base level (tests, reconfiguration).
inline void reset_log_levels(Level base = Level::info) {
  auto& state = detail::level_state();
  std::lock_guard<std::mutex> lock(state.mutex);
  state.configured = true;
  state.overrides.clear();
  state.base = base;
  detail::apply_levels_locked(state);
}

/// The effective level of `component` (the base level for an empty name).
inline Level log_level(std::string_view component = {}) {
  if (component.empty()) {
    auto& state = detail::level_state();
    std::lock_guard<std::mutex> lock(state.mutex);
    detail::configure_locked(state);
    return state.base;
  }
  return detail::component_state(component).level.load(std::memory_order_relaxed);
}

VIGIL_NAMESPACE_END
