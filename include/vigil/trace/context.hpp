// vigil/trace/context.hpp — the current span context and its hand-off to other threads.
//
// Each thread keeps a stack of contexts: every live Span pushes itself, and a ContextScope
// pushes a captured one. New spans take their parent from the top. To make pool work nest
// under the span that queued it, capture current_context() where the work is queued and
// open a ContextScope with it on the worker (bind_context does both for a callable, and
// carries the request context along).
// Thread-safety: current_context() reads this thread's stack; a SpanContext is a value.
// Cost: current_context() is two id conversions; ContextScope is a push and a pop.
#pragma once

#include <cstdint>
#include <utility>

#include "vigil/config.hpp"
#include "vigil/log/request_context.hpp"
#include "vigil/trace/ids.hpp"
#if VIGIL_DETAIL_TRACING_ON
#include "vigil/detail/thread_state.hpp"
#endif

VIGIL_NAMESPACE_BEGIN

/// A span's identity as the outside world sees it (W3C trace context).
struct SpanContext {
  TraceId trace_id;
  SpanId span_id;
  bool sampled = true;
  bool remote = false;            // extracted from another process
  std::uint32_t run_context = 0;  // vigil's run-context generation travelling with it
  bool valid() const { return trace_id.valid() && span_id.valid(); }
};

#if VIGIL_DETAIL_TRACING_ON

namespace detail {
inline SpanContext to_public(const LocalContext& local) {
  SpanContext out;
  out.trace_id = export_trace_id(local.trace);
  out.span_id = export_span_id(local.span_id);
  out.run_context = local.run_context;
  out.sampled = (local.flags & kContextSampled) != 0;
  out.remote = (local.flags & kContextRemote) != 0;
  return out;
}
}  // namespace detail

/// The context of the innermost live span (or attached context) on this thread; invalid
/// when there is none.
inline SpanContext current_context() {
  const detail::ContextNode* top = detail::t_state.current;
  return top == nullptr ? SpanContext{} : detail::to_public(top->context);
}

/// Makes `context` the parent of spans opened on this thread until the scope ends.
class ContextScope {
 public:
  explicit ContextScope(const SpanContext& context) {
    if (!context.valid()) return;
    node_.context.trace = detail::import_trace_id(context.trace_id);
    node_.context.span_id = detail::import_span_id(context.span_id);
    node_.context.run_context = context.run_context;
    node_.context.flags =
        static_cast<std::uint8_t>((context.sampled ? detail::kContextSampled : 0) |
                                  (context.remote ? detail::kContextRemote : 0));
    node_.span = nullptr;
    node_.prev = detail::t_state.current;
    detail::t_state.current = &node_;
    attached_ = true;
  }
  ~ContextScope() {
    if (attached_ && detail::t_state.current == &node_) detail::t_state.current = node_.prev;
  }
  ContextScope(const ContextScope&) = delete;
  ContextScope& operator=(const ContextScope&) = delete;

 private:
  detail::ContextNode node_;
  bool attached_ = false;
};

#else

inline SpanContext current_context() {
  return {};
}

class ContextScope {
 public:
  explicit ContextScope(const SpanContext&) {}
  ContextScope(const ContextScope&) = delete;
  ContextScope& operator=(const ContextScope&) = delete;
};

#endif

/// Wraps `fn` so that, wherever it runs, it runs under the span context and the request
/// context (log/request_context.hpp) current here and now.
template <class Fn>
auto bind_context(Fn fn) {
  return [context = current_context(), request = current_request(),
          fn = std::move(fn)](auto&&... args) mutable {
    ContextScope scope(context);
    RequestScope request_scope(request);
    return fn(std::forward<decltype(args)>(args)...);
  };
}

VIGIL_NAMESPACE_END
