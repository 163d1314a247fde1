// vigil/trace/propagation.hpp — carrying the trace context across process boundaries.
//
// inject/extract work on any header map of strings (std::map, std::unordered_map,
// httplib::Headers...): W3C `traceparent` + `tracestate`, with the B3 single header (`b3`)
// as a fallback on extract. Header names are matched case-insensitively. Child processes get
// the context through the environment: child_environment() returns this process's
// environment with TRACEPARENT (and TRACESTATE) set, and a process started that way reads
// TRACEPARENT before its first span, so its root spans join the parent's trace.
// An extracted context is attached with ContextScope; spans under it have a remote parent
// and are sampled by the parent-based samplers according to its sampled flag.
// Thread-safety: pure functions of their arguments, the environment and this thread's context.
#pragma once

#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include "vigil/common/context.hpp"
#include "vigil/config.hpp"
#include "vigil/trace/traceparent.hpp"
#if VIGIL_DETAIL_TRACING_ON
#include "vigil/trace/thread_setup.hpp"
#endif

extern char** environ;  // POSIX

VIGIL_NAMESPACE_BEGIN
namespace detail {

inline bool same_header(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

template <class Headers>
const std::string* find_header(const Headers& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (same_header(key, name)) return &value;
  }
  return nullptr;
}

inline SpanContext to_span_context(const RemoteContext& remote) {
  SpanContext out;
  out.trace_id = remote.trace_id;
  out.span_id = remote.span_id;
  out.sampled = remote.sampled;
  out.remote = true;
  return out;
}

}  // namespace detail

/// Sets `traceparent` (and `tracestate` when given) for `context`; nothing if it is invalid.
template <class Headers>
void inject(Headers& headers, const SpanContext& context = current_context(),
            std::string_view trace_state = {}) {
  if (!context.valid()) return;
  headers["traceparent"] = format_traceparent(context.trace_id, context.span_id, context.sampled);
  if (!trace_state.empty() && valid_tracestate(trace_state))
    headers["tracestate"] = std::string(trace_state);
}

/// Sets the B3 single header `b3` for `context`.
template <class Headers>
void inject_b3(Headers& headers, const SpanContext& context = current_context()) {
  if (context.valid())
    headers["b3"] = format_b3(context.trace_id, context.span_id, context.sampled);
}

/// The remote context in `headers` (traceparent first, else b3); `trace_state` receives a
/// valid tracestate, or is cleared.
template <class Headers>
std::optional<SpanContext> extract(const Headers& headers, std::string* trace_state = nullptr) {
  if (trace_state != nullptr) trace_state->clear();
  if (const std::string* traceparent = detail::find_header(headers, "traceparent")) {
    const auto remote = parse_traceparent(*traceparent);
    if (!remote) return std::nullopt;
    const std::string* state = detail::find_header(headers, "tracestate");
    if (trace_state != nullptr && state != nullptr && valid_tracestate(*state))
      *trace_state = *state;
    return detail::to_span_context(*remote);
  }
  if (const std::string* b3 = detail::find_header(headers, "b3")) {
    if (const auto remote = parse_b3(*b3)) return detail::to_span_context(*remote);
  }
  return std::nullopt;
}

/// The context in TRACEPARENT, if the variable holds a valid one.
inline std::optional<SpanContext> context_from_environment() {
  const char* traceparent = std::getenv("TRACEPARENT");
  if (traceparent == nullptr) return std::nullopt;
  const auto remote = parse_traceparent(traceparent);
  return remote ? std::optional<SpanContext>(detail::to_span_context(*remote)) : std::nullopt;
}

/// This process's environment ("KEY=VALUE" strings) with TRACEPARENT set to `context` and
/// TRACESTATE passed on, for posix_spawn/execve of a child that should join the trace.
inline std::vector<std::string> child_environment(const SpanContext& context = current_context()) {
  std::vector<std::string> out;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view variable(*entry);
    if (variable.rfind("TRACEPARENT=", 0) == 0) continue;
    if (variable.rfind("TRACESTATE=", 0) == 0 && context.valid()) continue;
    out.emplace_back(variable);
  }
  if (context.valid()) {
    out.push_back("TRACEPARENT=" +
                  format_traceparent(context.trace_id, context.span_id, context.sampled));
#if VIGIL_DETAIL_TRACING_ON
    if (!detail::g_ambient.trace_state.empty() &&
        detail::g_ambient_parent.load(std::memory_order_acquire) != nullptr &&
        detail::export_trace_id(detail::g_ambient.node.context.trace) == context.trace_id) {
      out.push_back("TRACESTATE=" + detail::g_ambient.trace_state);
    }
#endif
  }
  return out;
}

VIGIL_NAMESPACE_END
