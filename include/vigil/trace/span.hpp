// vigil/trace/span.hpp — vigil::Span, one timed operation, open for its C++ scope.
//
// A span takes its parent from this thread's context stack, pushes itself while it lives,
// and writes one SpanRecord to this thread's ring when it ends. Attributes, events and
// status are copied into the ring when set, so their arguments may be temporaries. A span
// left by an exception is marked ERROR (with the exception's type and message when
// vigil/trace/throw_hook.hpp is included somewhere in the program).
// Thread-safety: a Span belongs to the thread that opened it; spans end in LIFO order.
// Hot-path cost: 2 TSC reads + 1 ring write, no allocation; with tracing off at run time,
// one branch. Each attribute is one more 64-byte ring write.
#pragma once

#include <cstdint>
#include <initializer_list>

#include "vigil/common/context.hpp"
#include "vigil/config.hpp"
#include "vigil/trace/kind.hpp"
#include "vigil/trace/site.hpp"
#include "vigil/trace/status.hpp"
#if VIGIL_DETAIL_TRACING_ON
#include <cstring>
#include <string_view>
#include <typeinfo>

#include "vigil/common/attribute.hpp"
#include "vigil/common/run_context.hpp"
#include "vigil/trace/runtime_link.hpp"
#include "vigil/trace/sampling.hpp"
#include "vigil/trace/span_text.hpp"
#include "vigil/trace/thread_buffer.hpp"
#else
#include "vigil/detail/macro_support.hpp"
#endif

VIGIL_NAMESPACE_BEGIN

#if VIGIL_DETAIL_TRACING_ON

class Span {
 public:
  /// A span named at run time; the name is copied.
  explicit Span(std::string_view name, std::initializer_list<Attribute> attributes = {}) noexcept
      : site_(nullptr) {
    if (!detail::g_tracing_active.load(std::memory_order_relaxed) || !begin()) return;
    flags_ |= detail::kFlagRuntimeName;
    detail::write_span_text(node_.context.span_id, detail::RecordType::name, 0, {}, name);
    set_attributes(attributes);
  }

  // VIGIL_SPAN's constructors: the name lives in the static call-site data.
  VIGIL_DETAIL_ALWAYS_INLINE Span(const SourceSite* site, const char*) noexcept : site_(site) {
    if (detail::g_tracing_active.load(std::memory_order_relaxed)) begin();
  }
  // With attributes: each is written as it is, without gathering them into a list first.
  VIGIL_DETAIL_ALWAYS_INLINE Span(const SourceSite* site, const char* n,
                                  const Attribute& a) noexcept
      : Span(site, n) {
    put_all(a);
  }
  VIGIL_DETAIL_ALWAYS_INLINE Span(const SourceSite* site, const char* n, const Attribute& a,
                                  const Attribute& b) noexcept
      : Span(site, n) {
    put_all(a, b);
  }
  Span(const SourceSite* site, const char* n, const Attribute& a, const Attribute& b,
       const Attribute& c) noexcept
      : Span(site, n) {
    put_all(a, b, c);
  }
  Span(const SourceSite* site, const char* n, const Attribute& a, const Attribute& b,
       const Attribute& c, const Attribute& d) noexcept
      : Span(site, n) {
    put_all(a, b, c, d);
  }
  Span(const SourceSite* site, const char* n, const Attribute& a, const Attribute& b,
       const Attribute& c, const Attribute& d, const Attribute& e) noexcept
      : Span(site, n) {
    put_all(a, b, c, d, e);
  }
  Span(const SourceSite* site, const char* n, const Attribute& a, const Attribute& b,
       const Attribute& c, const Attribute& d, const Attribute& e, const Attribute& f) noexcept
      : Span(site, n) {
    put_all(a, b, c, d, e, f);
  }

  VIGIL_DETAIL_ALWAYS_INLINE ~Span() {
    if (state_ != kOff) close();
  }
  Span(const Span&) = delete;
  Span& operator=(const Span&) = delete;

  /// Ends the span before its scope does; later calls do nothing.
  void end() noexcept {
    if (state_ != kOff) close();
  }

  /// False when tracing is off, or the span is unsampled and failed traces are not kept.
  bool is_recording() const noexcept { return state_ == kRecording; }

  /// Valid also for an unsampled span, so that its context still propagates.
  SpanContext context() const {
    return state_ != kOff ? detail::to_public(node_.context) : SpanContext{};
  }

  void set_attribute(std::string_view key, AttributeValue value) noexcept {
    if (state_ == kRecording)
      detail::write_span_attribute(node_.context.span_id, detail::AttributeTarget::span, key,
                                   value);
  }

  void set_attributes(std::initializer_list<Attribute> attributes) noexcept {
    if (state_ != kRecording) return;
    for (const Attribute& a : attributes) put(a);
  }

  /// A timestamped event inside the span (OTLP Span.Event).
  void add_event(std::string_view name, std::initializer_list<Attribute> attributes = {}) noexcept {
    if (state_ == kRecording) detail::write_span_event(node_.context.span_id, name, attributes);
  }

  /// A link to another span (OTLP Span.Link), e.g. the request a batch job serves.
  void add_link(const SpanContext& linked,
                std::initializer_list<Attribute> attributes = {}) noexcept {
    if (state_ != kRecording || !linked.valid()) return;
    char trace[16];
    std::memcpy(trace, &linked.trace_id.high, 8);
    std::memcpy(trace + 8, &linked.trace_id.low, 8);
    detail::write_span_text(node_.context.span_id, detail::RecordType::link, 0, {},
                            std::string_view(trace, sizeof trace), linked.span_id.value);
    for (const Attribute& a : attributes)
      detail::write_span_attribute(node_.context.span_id, detail::AttributeTarget::last_link, a.key,
                                   a.value);
  }

  void set_status(StatusCode code, std::string_view description = {}) noexcept {
    if (state_ == kRecording) detail::write_span_status(node_.context.span_id, code, description);
  }

  /// Adds an "exception" event with exception.type and exception.message (OTel semconv).
  /// Like OpenTelemetry, it leaves the status to the caller. `e` is a std::exception (a
  /// template so that this header needs no <exception>).
  template <class Exception>
  void record_exception(const Exception& e) noexcept {
    if (state_ != kRecording) return;
    if (const detail::TraceRuntime* runtime = detail::trace_runtime())
      runtime->record_exception(node_.context.span_id, typeid(e).name(), e.what());
  }

  /// Overrides the kind the span's name prefix would give it.
  void set_kind(SpanKind kind) noexcept { kind_ = kind; }

 private:
  friend Span& current_span() noexcept;
  struct Inert {};
  explicit Span(Inert) noexcept : site_(nullptr) {}

  template <class... Attributes>
  VIGIL_DETAIL_ALWAYS_INLINE void put_all(const Attributes&... attributes) noexcept {
    if (state_ == kRecording) (put(attributes), ...);
  }

  VIGIL_DETAIL_ALWAYS_INLINE void put(const Attribute& a) noexcept {
    detail::write_span_attribute(node_.context.span_id, detail::AttributeTarget::span, a.key,
                                 a.value);
  }

  // Opens the span; true when it records. An unsampled span that is not recorded still
  // joins the context stack so that its children inherit the decision.
  VIGIL_DETAIL_ALWAYS_INLINE bool begin() noexcept {
    detail::ThreadState& ts = detail::t_trace;
    if (VIGIL_DETAIL_UNLIKELY(ts.next_id == ts.id_limit) && !acquire_ids(ts)) return false;
    const detail::ContextNode* parent = detail::t_context;
    if (parent == nullptr) parent = detail::g_ambient_parent.load(std::memory_order_relaxed);
    node_.context.span_id = ts.next_id++;
    flags_ = 0;
    bool sampled;
    if (parent != nullptr) {
      node_.context.trace = parent->context.trace;
      node_.context.run_context = parent->context.run_context;
      parent_id_ = parent->context.span_id;
      sampled = (parent->context.flags & detail::kContextSampled) != 0;
      if (VIGIL_DETAIL_UNLIKELY((parent->context.flags & detail::kContextRemote) != 0)) {
        flags_ |= detail::kFlagRemoteParent;
        sampled = sample_under_remote_parent(sampled);
      }
    } else {
      node_.context.trace = {ts.trace_high, node_.context.span_id};
      node_.context.run_context = detail::t_run_context;
      parent_id_ = 0;
      const auto decision = detail::g_root_decision.load(std::memory_order_relaxed);
      sampled = decision == detail::RootDecision::yes ||
                (decision == detail::RootDecision::by_ratio && detail::sample_root(trace_id()));
    }
    node_.context.flags = sampled ? detail::kContextSampled : 0;
    node_.prev = detail::t_context;
    node_.span = this;
    detail::t_context = &node_;
    kind_ = SpanKind::unspecified;
    if (VIGIL_DETAIL_UNLIKELY(!sampled)) {
      if (!detail::g_keep_failed.load(std::memory_order_relaxed)) {
        state_ = kLinked;
        return false;
      }
      flags_ |= detail::kFlagUnsampled;
    }
    state_ = kRecording;
    uncaught_ = detail::uncaught_exceptions(ts);
    start_ = detail::ticks(ts.use_tsc);
    return true;
  }

  TraceId trace_id() const { return detail::export_trace_id(node_.context.trace); }

  // The runtime is linked in whenever tracing can be active; the check costs nothing here,
  // on the slow path of a thread's first span.
  VIGIL_DETAIL_COLD static bool acquire_ids(detail::ThreadState& ts) noexcept {
    const detail::TraceRuntime* runtime = detail::trace_runtime();
    return runtime != nullptr && runtime->acquire_ids(ts);
  }

  VIGIL_DETAIL_COLD bool sample_under_remote_parent(bool parent_sampled) const noexcept {
    return detail::sample_remote_child(parent_sampled, trace_id());
  }

  VIGIL_DETAIL_ALWAYS_INLINE void close() noexcept {
    if (VIGIL_DETAIL_LIKELY(state_ == kRecording)) {
      finish();
    } else {
      unlink();
    }
    state_ = kOff;
  }

  VIGIL_DETAIL_ALWAYS_INLINE void finish() noexcept {
    detail::ThreadState& ts = detail::t_trace;
    const std::uint64_t end = detail::ticks(ts.use_tsc);
    unlink();
    if (VIGIL_DETAIL_UNLIKELY(detail::uncaught_exceptions(ts) > uncaught_)) mark_unwound();
    if (VIGIL_DETAIL_UNLIKELY(ts.buffer == nullptr)) return;
    std::uint64_t position;
    detail::SpanRecord* record = detail::reserve_span_record(ts, position);
    if (record == nullptr) return;
    record->type = detail::RecordType::span;
    record->kind = kind_;
    record->flags = flags_;
    record->run_context = detail::effective_run_context(node_.context.run_context);
    record->span_id = node_.context.span_id;
    record->parent_id = parent_id_;
    record->trace_high = node_.context.trace.high;
    record->trace_low = node_.context.trace.low;
    record->start = start_;
    record->end = end;
    record->site = site_;
    ts.buffer->ring.publish(position, 1);
  }

  void unlink() noexcept {
    if (VIGIL_DETAIL_LIKELY(detail::t_context == &node_)) {
      detail::t_context = node_.prev;
      return;
    }
    unlink_out_of_order();
  }

  // A span ended while a younger one is still open (end() called early).
  VIGIL_DETAIL_COLD void unlink_out_of_order() noexcept {
    for (detail::ContextNode* n = detail::t_context; n != nullptr; n = n->prev) {
      if (n->prev == &node_) {
        n->prev = node_.prev;
        return;
      }
    }
  }

  // Runs while the span is still open, before its end record: the status written there is
  // the last one, so it wins over any set earlier.
  VIGIL_DETAIL_COLD void mark_unwound() noexcept {
    if (const detail::TraceRuntime* runtime = detail::trace_runtime())
      runtime->mark_unwound(node_.context.span_id);
  }

  // Only site_ and state_ are set by every constructor; begin() sets the rest.
  detail::ContextNode node_;
  std::uint64_t parent_id_;
  std::uint64_t start_;
  const SourceSite* site_;
  int uncaught_;
  SpanKind kind_;
  std::uint8_t flags_;
  enum State : std::uint8_t { kOff, kLinked, kRecording };
  State state_ = kOff;
};

/// The innermost live span of this thread, or an inert span when there is none (or the top
/// of the stack is an attached context rather than a span).
inline Span& current_span() noexcept {
  static Span inert{Span::Inert{}};
  const detail::ContextNode* top = detail::t_context;
  return (top != nullptr && top->span != nullptr) ? *top->span : inert;
}

#else

class Span {
 public:
  template <class Name>
  constexpr explicit Span(const Name&, std::initializer_list<detail::Unevaluated> = {}) noexcept {}
  Span(const Span&) = delete;
  Span& operator=(const Span&) = delete;
  void end() noexcept {}
  bool is_recording() const noexcept { return false; }
  SpanContext context() const { return {}; }
  template <class Key, class Value>
  void set_attribute(const Key&, const Value&) noexcept {}
  void set_attributes(std::initializer_list<detail::Unevaluated>) noexcept {}
  template <class Name>
  void add_event(const Name&, std::initializer_list<detail::Unevaluated> = {}) noexcept {}
  void add_link(const SpanContext&, std::initializer_list<detail::Unevaluated> = {}) noexcept {}
  template <class Description = const char*>
  void set_status(StatusCode, const Description& = {}) noexcept {}
  template <class Exception>
  void record_exception(const Exception&) noexcept {}
  void set_kind(SpanKind) noexcept {}
};

inline Span& current_span() noexcept {
  static Span inert{0};
  return inert;
}

#endif

VIGIL_NAMESPACE_END
