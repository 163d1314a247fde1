// vigil/trace/runtime_link.hpp — how the light span code reaches the trace runtime, and the
// tracing calls every file may make (flush, shutdown, stats).
//
// The runtime (collector, buffer registry, exporters: trace/tracer.hpp) is compiled only in
// the files that include it. It publishes its entry points as one weak constant,
// g_trace_runtime, defined in every such file; the linker keeps one. In a program where no
// file includes it the symbol is null: spans stay off (nothing can attach an exporter), and
// flush/shutdown/stats do nothing. No static initialisation order is involved: the table is
// constant-initialised data.
// Thread-safety: the table is immutable.
#pragma once

#include <cstdint>

#include "vigil/config.hpp"
#include "vigil/detail/abi_check.hpp"
#include "vigil/trace/stats.hpp"
#if VIGIL_DETAIL_TRACING_ON
#include "vigil/trace/thread_buffer.hpp"
#endif

VIGIL_NAMESPACE_BEGIN

#if VIGIL_DETAIL_TRACING_ON

namespace detail {

struct TraceRuntime {
  // A thread's first span and an exhausted id range: buffer, ids, clock; false once the
  // thread is exiting.
  bool (*acquire_ids)(ThreadState& state);
  // A span left by an exception: its exception event and ERROR status.
  void (*mark_unwound)(std::uint64_t span_id);
  // Span::record_exception: an exception event with the demangled type.
  void (*record_exception)(std::uint64_t span_id, const char* mangled_type, const char* what);
  void (*report_once)(const char* key, const char* message);
  void (*flush)();
  void (*shutdown)();
  TraceStats (*stats)();
};

extern const TraceRuntime g_trace_runtime VIGIL_DETAIL_WEAK;

// Null when no file of the program includes the trace runtime.
inline const TraceRuntime* trace_runtime() noexcept {
  return &g_trace_runtime;
}

inline void report_trace_problem(const char* key, const char* message) noexcept {
  if (const TraceRuntime* runtime = trace_runtime()) runtime->report_once(key, message);
}

}  // namespace detail

/// Drains every thread's buffer into the exporters and flushes them (blocking).
inline void flush() {
  if (const detail::TraceRuntime* runtime = detail::trace_runtime()) runtime->flush();
}
/// flush(), then shuts the exporters down; runs at exit too. A new exporter turns tracing
/// back on.
inline void shutdown() {
  if (const detail::TraceRuntime* runtime = detail::trace_runtime()) runtime->shutdown();
}
/// Created/exported/dropped/sampled-out counts since the process started.
inline TraceStats stats() {
  const detail::TraceRuntime* runtime = detail::trace_runtime();
  return runtime != nullptr ? runtime->stats() : TraceStats{};
}

#else

inline void flush() {}
inline void shutdown() {}
inline TraceStats stats() {
  return {};
}

#endif

VIGIL_NAMESPACE_END
