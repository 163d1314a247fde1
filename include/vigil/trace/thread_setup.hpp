// vigil/trace/thread_setup.hpp — the trace runtime's side of a thread's first span: its
// buffer, its span-id range, the process's sampler and TRACEPARENT, and the cold paths a
// span leaves to the runtime (an escaping exception, record_exception).
//
// Reached from the light span code through trace/runtime_link.hpp, never inlined there.
// Thread-safety: each function works on the calling thread's state; the environment is read
// once per process (std::call_once).
#pragma once

#include <cxxabi.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <string>

#include "vigil/common/attribute.hpp"
#include "vigil/common/context.hpp"
#include "vigil/common/semconv.hpp"
#include "vigil/config.hpp"
#include "vigil/detail/clock.hpp"
#include "vigil/detail/report.hpp"
#include "vigil/trace/buffer_registry.hpp"
#include "vigil/trace/sampler.hpp"
#include "vigil/trace/span_text.hpp"
#include "vigil/trace/status.hpp"
#include "vigil/trace/throw_info.hpp"
#include "vigil/trace/traceparent.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

// The parent of every span that has no other: TRACEPARENT of the process environment.
struct AmbientParent {
  ContextNode node;
  std::string trace_state;  // TRACESTATE, passed on to children
};
inline AmbientParent g_ambient{};

inline std::atomic<std::uint64_t> g_next_slot{1};

inline LocalContext import_context(const RemoteContext& remote) {
  LocalContext local;
  local.trace = import_trace_id(remote.trace_id);
  local.span_id = import_span_id(remote.span_id);
  local.run_context = 0;
  local.flags = static_cast<std::uint8_t>(kContextRemote | (remote.sampled ? kContextSampled : 0));
  return local;
}

// Read once, before the first span of the process: the sampler and TRACEPARENT.
inline void load_environment_config() {
  if (!g_sampler_set_by_code.load(std::memory_order_relaxed))
    apply_sampler(sampler_from_environment());
  const char* traceparent = std::getenv("TRACEPARENT");
  if (traceparent == nullptr || *traceparent == '\0') return;
  const auto remote = parse_traceparent(traceparent);
  if (!remote) {
    report_once("TRACEPARENT", std::string("TRACEPARENT='") + traceparent +
                                   "' is not a valid W3C traceparent; starting new traces");
    return;
  }
  g_ambient.node.context = import_context(*remote);
  g_ambient.node.prev = nullptr;
  g_ambient.node.span = nullptr;
  if (const char* state = std::getenv("TRACESTATE"); state != nullptr && valid_tracestate(state)) {
    g_ambient.trace_state = state;
  }
  g_ambient_parent.store(&g_ambient.node, std::memory_order_release);
}

inline void ensure_environment_config() {
  static std::once_flag once;
  std::call_once(once, load_environment_config);
}

// std::uncaught_exceptions() is a call into the C++ runtime plus a dynamic TLS lookup on
// every span. The Itanium C++ ABI fixes the layout of the per-thread exception globals, so
// the count can be read through a pointer taken once per thread instead.
struct EhGlobals {
  void* caught_exceptions;
  unsigned int uncaught_exceptions;
};

inline const unsigned int* uncaught_counter() noexcept {
#if defined(__GLIBCXX__) || defined(_LIBCPPABI_VERSION)
  return &reinterpret_cast<EhGlobals*>(abi::__cxa_get_globals())->uncaught_exceptions;
#else
  return nullptr;
#endif
}

struct ThreadRetirer {
  ~ThreadRetirer() {
    t_trace.exited = true;
    if (t_trace.buffer != nullptr) t_trace.buffer->retired.store(true, std::memory_order_release);
    t_trace.buffer = nullptr;
    t_trace.next_id = t_trace.id_limit = 0;
  }
};

// Slow path of a thread's first span and of an exhausted id range. False once the thread
// is exiting: spans from thread-local destructors after that are not recorded.
inline bool acquire_ids(ThreadState& state) {
  if (state.exited) return false;
  ensure_environment_config();
  if (state.buffer == nullptr) {
    static thread_local ThreadRetirer retirer;
    (void)retirer;
    state.buffer = buffer_registry().add();
  }
  state.trace_high = process_keys().trace_high;
  state.uncaught = uncaught_counter();
  state.use_tsc = tsc_in_use();
  std::uint64_t slot = g_next_slot.fetch_add(1, std::memory_order_relaxed);
  if (slot > kMaxSlot) {
    report_once("slots", "more than 2^27 thread id ranges used; span ids may repeat");
    slot = 1 + slot % kMaxSlot;
  }
  state.next_id = (slot << kSlotShift) | 1;
  state.id_limit = (slot << kSlotShift) | kSeqMask;
  return true;
}

inline std::string demangle(const char* mangled) {
  int status = 0;
  char* readable = abi::__cxa_demangle(mangled, nullptr, nullptr, &status);
  std::string out = (status == 0 && readable != nullptr) ? readable : mangled;
  std::free(readable);
  return out;
}

inline void mark_unwound(std::uint64_t span_id) {
  const ThrowInfo& thrown = t_last_throw;
  const bool known = thrown.throws != 0;
  const std::string type = known ? demangle(thrown.type) : "unknown";
  const char* message = !known ? "unknown (include vigil/trace/throw_hook.hpp to capture it)"
                        : thrown.has_message ? thrown.message
                                             : "";
  write_span_event(span_id, "exception",
                   {{semconv::kExceptionType, type},
                    {semconv::kExceptionMessage, message},
                    {semconv::kExceptionEscaped, true}});
  write_span_status(span_id, StatusCode::error, message);
}

inline void record_exception(std::uint64_t span_id, const char* mangled_type, const char* what) {
  write_span_event(span_id, "exception",
                   {{semconv::kExceptionType, demangle(mangled_type)},
                    {semconv::kExceptionMessage, what != nullptr ? what : ""}});
}

}  // namespace detail
VIGIL_NAMESPACE_END
