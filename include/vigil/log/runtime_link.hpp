// vigil/log/runtime_link.hpp — how light code reaches the log runtime (levels, formatting,
// sinks), and the logging calls every file may make.
//
// The runtime (log/logger.hpp) is compiled only in the files that include it (any sink
// does, and vigil/runtime.hpp). It publishes g_log_runtime as one weak constant; the linker
// keeps one. In a program where no file includes it the symbol is null: the first record
// turns the floor to `off`, and every record after it costs one branch and is dropped.
// Thread-safety: the table is immutable; ComponentState levels are atomics.
#pragma once

#include "vigil/config.hpp"
#include "vigil/detail/abi_check.hpp"
#if VIGIL_DETAIL_LOGGING_ON
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "vigil/log/arg.hpp"
#include "vigil/log/component_state.hpp"
#include "vigil/log/level.hpp"
#endif

VIGIL_NAMESPACE_BEGIN

#if VIGIL_DETAIL_LOGGING_ON

namespace detail {

struct LogRuntime {
  ComponentState& (*component)(std::string_view name);
  // Builds the record and hands it to the sinks; never throws.
  void (*emit)(const ComponentState& component, Level level, Decoration decoration,
               std::string_view message, const LogArg* args, std::size_t count);
  void (*flush)();
};

extern const LogRuntime g_log_runtime VIGIL_DETAIL_WEAK;

inline const LogRuntime* log_runtime() noexcept {
  return &g_log_runtime;
}

// Without a runtime: a component that takes nothing, and a floor that lets nothing in.
inline ComponentState& find_component(std::string_view name) {
  if (const LogRuntime* runtime = log_runtime()) return runtime->component(name);
  static ComponentState unlinked{"unlinked", Level::off};
  g_log_floor.store(static_cast<std::uint8_t>(Level::off), std::memory_order_relaxed);
  return unlinked;
}

inline void emit(const ComponentState& component, Level level, Decoration decoration,
                 std::string_view message, const LogArg* args, std::size_t count) noexcept {
  if (const LogRuntime* runtime = log_runtime())
    runtime->emit(component, level, decoration, message, args, count);
}

}  // namespace detail

/// Blocks until every sink delivered what it was given.
inline void flush_logs() {
  if (const detail::LogRuntime* runtime = detail::log_runtime()) runtime->flush();
}

#else

inline void flush_logs() {}

#endif

VIGIL_NAMESPACE_END
