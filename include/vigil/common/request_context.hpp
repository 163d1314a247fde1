// vigil/common/request_context.hpp — who a piece of work is for: session_id, request_id,
// user_id (the seeds' TTS service), in every log record emitted inside the scope.
//
// A RequestScope pushes a context on this thread; nested scopes inherit the outer keys and
// override equal ones. To carry it to another thread, take current_request() where the
// work is queued and open a RequestScope with it on the worker; vigil::bind_context
// (below) does that together with the span context.
// Cost: a scope allocates its context once (it is shared, never copied); reading the
// current context is one thread-local load.
// Thread-safety: the stack is per thread; a RequestContext is immutable once built.
#pragma once

#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <utility>

#include "vigil/common/attribute_list.hpp"
#include "vigil/common/context.hpp"
#include "vigil/config.hpp"

VIGIL_NAMESPACE_BEGIN

/// An immutable set of request attributes; `serial` is unique per context in the process,
/// so that sinks may cache what they derive from it.
struct RequestContext {
  AttributeList attributes;
  std::uint64_t serial = 0;
};

#if VIGIL_DETAIL_LOGGING_ON

namespace detail {

struct RequestNode {
  std::shared_ptr<const RequestContext> context;
  const RequestNode* prev;
};

inline thread_local const RequestNode* t_request = nullptr;

inline std::shared_ptr<const RequestContext> make_request_context(
    const RequestNode* outer, std::initializer_list<Attribute> attributes) {
  static std::atomic<std::uint64_t> next_serial{1};
  auto context = std::make_shared<RequestContext>();
  if (outer != nullptr) context->attributes = outer->context->attributes;
  for (const Attribute& a : attributes) {
    upsert(context->attributes, std::string(a.key), to_owned(a.value));
  }
  context->serial = next_serial.fetch_add(1, std::memory_order_relaxed);
  return context;
}

}  // namespace detail

/// The request context in force on this thread (null outside every RequestScope).
inline std::shared_ptr<const RequestContext> current_request() {
  return detail::t_request == nullptr ? nullptr : detail::t_request->context;
}

class RequestScope {
 public:
  /// Opens a context with these attributes on top of the current one.
  explicit RequestScope(std::initializer_list<Attribute> attributes)
      : node_{detail::make_request_context(detail::t_request, attributes), detail::t_request} {
    detail::t_request = &node_;
  }
  /// Adopts a context taken with current_request() (on another thread); null is a no-op.
  explicit RequestScope(std::shared_ptr<const RequestContext> context)
      : node_{std::move(context), detail::t_request} {
    if (node_.context != nullptr) detail::t_request = &node_;
  }
  ~RequestScope() {
    if (detail::t_request == &node_) detail::t_request = node_.prev;
  }
  RequestScope(const RequestScope&) = delete;
  RequestScope& operator=(const RequestScope&) = delete;

 private:
  detail::RequestNode node_;
};

#else

inline std::shared_ptr<const RequestContext> current_request() {
  return nullptr;
}

class RequestScope {
 public:
  explicit RequestScope(std::initializer_list<Attribute>) {}
  explicit RequestScope(std::shared_ptr<const RequestContext>) {}
  RequestScope(const RequestScope&) = delete;
  RequestScope& operator=(const RequestScope&) = delete;
};

#endif

/// Wraps `fn` so that, wherever it runs, it runs under the span context and the request
/// context current here and now.
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
