// vigil/trace/tracer.hpp — the trace runtime: exporters, switching tracing on and off,
// options; include it (or any span exporter, or vigil/runtime.hpp) where the program sets
// tracing up.
//
// Spans are recorded only while tracing is enabled and at least one exporter is attached;
// otherwise a span costs one predictable branch. shutdown() (trace/runtime_link.hpp) runs at
// exit too, so spans still in buffers reach the exporters; it may be called again later, and
// a new exporter turns tracing back on.
// This header defines g_trace_runtime, the table through which the light span code reaches
// the collector (docs/ARCHITECTURE.md, "How the runtime is linked in").
// Thread-safety: every function may be called from any thread. flush()/shutdown() block
// until the exporters have received (and flushed) everything recorded before the call.
#pragma once

#include <pthread.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>

#include "vigil/config.hpp"
#include "vigil/trace/buffer_registry.hpp"
#include "vigil/trace/kind.hpp"
#include "vigil/trace/runtime_link.hpp"
#include "vigil/trace/sampler.hpp"
#include "vigil/trace/span_exporter.hpp"
#include "vigil/trace/stats.hpp"
#if VIGIL_DETAIL_TRACING_ON
#include "vigil/trace/collector.hpp"
#endif

VIGIL_NAMESPACE_BEGIN

struct TraceOptions {
  /// Ring size per recording thread, in 64-byte records (a span with no attributes is one).
  /// Applies to threads that record their first span after the call.
  std::size_t buffer_items = detail::kDefaultBufferItems;
  /// How often the background collector drains the rings.
  std::chrono::milliseconds flush_interval = detail::kDefaultFlushInterval;
};

#if VIGIL_DETAIL_TRACING_ON

namespace detail {
// One weak definition per file that includes the runtime; the linker keeps one.
VIGIL_DETAIL_WEAK extern const TraceRuntime g_trace_runtime = {
    &acquire_ids,
    &mark_unwound,
    &record_exception,
    [](const char* key, const char* message) { report_once(key, message); },
    [] { collector().flush(); },
    [] { collector().shutdown(); },
    [] { return collector().stats(); },
};
}  // namespace detail

inline void configure(const TraceOptions& options) {
  detail::g_buffer_items.store(options.buffer_items, std::memory_order_relaxed);
  detail::collector().set_flush_interval(options.flush_interval);
}
inline void add_exporter(std::shared_ptr<SpanExporter> exporter) {
  detail::collector().add_exporter(std::move(exporter));
}
/// Drains what was recorded into `exporter`, then detaches it.
inline void remove_exporter(const std::shared_ptr<SpanExporter>& exporter) {
  detail::collector().remove_exporter(exporter);
}
inline void set_tracing_enabled(bool enabled) {
  detail::collector().set_enabled(enabled);
}
/// Maps the span-name prefix (first segment) to a kind, overriding the default table
/// (docs/ARCHITECTURE.md, trace/kind_map.hpp).
inline void set_kind_for_prefix(std::string prefix, SpanKind kind) {
  detail::collector().set_kind(std::move(prefix), kind);
}
/// The fullest thread buffer's share in use now, 0..1 (near 1: spans are about to drop).
inline double buffer_fill() {
  double fullest = 0;
  detail::buffer_registry().for_each([&fullest](detail::RegisteredBuffer& buffer) {
    const auto used = static_cast<double>(buffer.ring.read_end() - buffer.ring.read_begin());
    fullest = std::max(fullest, used / static_cast<double>(buffer.ring.capacity()));
  });
  return fullest;
}
/// Names this thread in exports (Chrome trace thread names) and for the OS (15 chars).
inline void set_thread_name(const std::string& name) {
  pthread_setname_np(pthread_self(), name.substr(0, 15).c_str());
  if (auto* buffer = static_cast<detail::RegisteredBuffer*>(detail::t_trace.buffer)) {
    std::lock_guard<std::mutex> lock(buffer->name_mutex);
    buffer->name = name;
  }
}

#else

inline void configure(const TraceOptions&) {}
inline void add_exporter(std::shared_ptr<SpanExporter>) {}
inline void remove_exporter(const std::shared_ptr<SpanExporter>&) {}
inline void set_tracing_enabled(bool) {}
inline void set_kind_for_prefix(std::string, SpanKind) {}
inline double buffer_fill() {
  return 0;
}
inline void set_thread_name(const std::string&) {}

#endif

VIGIL_NAMESPACE_END
