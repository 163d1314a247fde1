// vigil/common/context.hpp — the current span context and its hand-off to other threads.
//
// Each thread keeps a stack of contexts: every live Span pushes itself, and a ContextScope
// pushes a captured one. New spans take their parent from the top; log records and
// histogram exemplars read it for their trace and span ids. To make pool work nest under
// the span that queued it, capture current_context() where the work is queued and open a
// ContextScope with it on the worker (vigil::bind_context, common/request_context.hpp, does
// both for a callable and carries the request context along).
// Thread-safety: current_context() reads this thread's stack; a SpanContext is a value.
// Cost: current_context() is two id conversions; ContextScope is a push and a pop.
#pragma once

#include <cstdint>

#include "vigil/common/ids.hpp"
#include "vigil/config.hpp"
#if VIGIL_DETAIL_TRACING_ON
#include <atomic>

#include "vigil/common/id_mapping.hpp"
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

class Span;

namespace detail {

// A context as stored inside the process (ids in their local form, see id_mapping.hpp). No
// default member initialisers: a span fills every field only once it records, so a span
// switched off at run time writes nothing.
struct LocalContext {
  LocalTraceId trace;
  std::uint64_t span_id;
  std::uint32_t run_context;  // 0: the process-wide run context
  std::uint8_t flags;         // ContextFlags
};

enum ContextFlags : std::uint8_t {
  kContextSampled = 1,
  kContextRemote = 2,  // extracted from another process's headers or environment
};

struct ContextNode {
  LocalContext context;
  ContextNode* prev;
  Span* span;  // null for an attached (handed-off or remote) context
};

// The top of this thread's stack. Trivially constructible, so reading it needs no TLS guard.
inline thread_local ContextNode* t_context = nullptr;

// The parent of every span that has no other: TRACEPARENT of the process environment, set
// once by the trace runtime.
inline std::atomic<const ContextNode*> g_ambient_parent{nullptr};

inline SpanContext to_public(const LocalContext& local) {
  SpanContext out;
  out.trace_id = export_trace_id(local.trace);
  out.span_id = export_span_id(local.span_id);
  out.run_context = local.run_context;
  out.sampled = (local.flags & kContextSampled) != 0;
  out.remote = (local.flags & kContextRemote) != 0;
  return out;
}

inline LocalContext to_local(const SpanContext& context) {
  LocalContext local;
  local.trace = import_trace_id(context.trace_id);
  local.span_id = import_span_id(context.span_id);
  local.run_context = context.run_context;
  local.flags = static_cast<std::uint8_t>((context.sampled ? kContextSampled : 0) |
                                          (context.remote ? kContextRemote : 0));
  return local;
}

}  // namespace detail

/// The context of the innermost live span (or attached context) on this thread; invalid
/// when there is none.
inline SpanContext current_context() {
  const detail::ContextNode* top = detail::t_context;
  return top == nullptr ? SpanContext{} : detail::to_public(top->context);
}

/// Makes `context` the parent of spans opened on this thread until the scope ends.
class ContextScope {
 public:
  explicit ContextScope(const SpanContext& context) {
    if (!context.valid()) return;
    node_.context = detail::to_local(context);
    node_.span = nullptr;
    node_.prev = detail::t_context;
    detail::t_context = &node_;
    attached_ = true;
  }
  ~ContextScope() {
    if (attached_ && detail::t_context == &node_) detail::t_context = node_.prev;
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

VIGIL_NAMESPACE_END
