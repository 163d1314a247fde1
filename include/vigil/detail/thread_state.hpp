// vigil/detail/thread_state.hpp — what each recording thread owns: its ring, its id range,
// its counters and the top of its span-context stack.
//
// A thread's first span registers a ThreadBuffer with the process-wide registry (one mutex,
// once per thread). The buffer outlives the thread: at thread exit it is marked retired and
// the collector frees it after draining, so spans of exited threads are not lost.
// The hot-path state is a trivially constructible thread_local, so reading it needs no
// TLS guard.
// Thread-safety: ThreadState is touched only by its thread; ThreadBuffer counters are
// single-writer atomics read by the collector; the registry has its own mutex.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <vector>

#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cxxabi.h>

#include <exception>

#include "vigil/config.hpp"
#include "vigil/detail/clock.hpp"
#include "vigil/detail/report.hpp"
#include "vigil/detail/ring.hpp"
#include "vigil/detail/run_context.hpp"
#include "vigil/trace/ids.hpp"
#include "vigil/trace/record.hpp"
#include "vigil/trace/sampler.hpp"
#include "vigil/trace/traceparent.hpp"

VIGIL_NAMESPACE_BEGIN

class Span;

namespace detail {

inline std::atomic<bool> g_tracing_active{false};
inline std::atomic<std::size_t> g_buffer_items{16384};

// Counter written by one thread only: a relaxed load+store, no locked instruction.
class OwnerCounter {
 public:
  void add(std::uint64_t n = 1) noexcept {
    value_.store(value_.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
  }
  std::uint64_t get() const noexcept { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

struct ThreadBuffer {
  explicit ThreadBuffer(std::size_t items)
      : ring(items), os_thread_id(static_cast<std::uint64_t>(::syscall(SYS_gettid))) {
    char name_buf[32] = {};
    if (pthread_getname_np(pthread_self(), name_buf, sizeof name_buf) == 0) name = name_buf;
  }

  Ring ring;
  OwnerCounter spans_created;
  OwnerCounter spans_dropped;
  OwnerCounter records_dropped;  // attributes, events, status lines refused by a full ring
  std::atomic<bool> retired{false};
  std::uint64_t os_thread_id;
  std::mutex name_mutex;
  std::string name;
};

class BufferRegistry {
 public:
  ThreadBuffer* add() {
    auto buffer = std::make_unique<ThreadBuffer>(g_buffer_items.load(std::memory_order_relaxed));
    std::lock_guard<std::mutex> lock(mutex_);
    buffers_.push_back(std::move(buffer));
    return buffers_.back().get();
  }

  template <class Fn>
  void for_each(Fn&& fn) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& buffer : buffers_) fn(*buffer);
  }

  void lock_for_fork() { mutex_.lock(); }
  void unlock_after_fork() { mutex_.unlock(); }
  // In a fork()ed child: the buffers and what they hold are the parent's.
  void clear_in_child() { buffers_.clear(); }

  // Frees retired buffers for which `drained` says nothing is left.
  template <class Pred>
  void remove_if(Pred&& drained) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (std::size_t i = 0; i < buffers_.size();) {
      if (drained(*buffers_[i])) {
        buffers_[i] = std::move(buffers_.back());
        buffers_.pop_back();
      } else {
        ++i;
      }
    }
  }

 private:
  std::mutex mutex_;
  std::vector<std::unique_ptr<ThreadBuffer>> buffers_;
};

inline BufferRegistry& registry() {
  static auto* instance = new BufferRegistry();  // leaked on purpose: threads may outlive statics
  return *instance;
}

inline std::atomic<std::uint64_t> g_next_slot{1};

// A context as stored inside the process (ids in their local form, see ids.hpp). No
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

struct ThreadState {
  ThreadBuffer* buffer;
  std::uint64_t next_id;
  std::uint64_t id_limit;
  std::uint64_t trace_high;  // high half of the trace ids this process starts
  ContextNode* current;
  const unsigned int* uncaught;  // this thread's count of exceptions in flight, or null
  bool use_tsc;                  // detail::tsc_in_use(), cached off the function-static guard
  bool exited;
};

inline thread_local ThreadState t_state{};

// The parent of every span that has no other: TRACEPARENT of the process environment.
struct AmbientParent {
  ContextNode node;
  std::string trace_state;  // TRACESTATE, passed on to children
};
inline AmbientParent g_ambient{};
inline std::atomic<const ContextNode*> g_ambient_parent{nullptr};

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

struct ThreadRetirer {
  ~ThreadRetirer() {
    t_state.exited = true;
    if (t_state.buffer != nullptr) t_state.buffer->retired.store(true, std::memory_order_release);
    t_state.buffer = nullptr;
    t_state.next_id = t_state.id_limit = 0;
  }
};

// Slow path of a thread's first span and of an exhausted id range. False once the thread
// is exiting: spans from thread-local destructors after that are not recorded.
VIGIL_DETAIL_NOINLINE inline bool acquire_ids(ThreadState& state) {
  if (state.exited) return false;
  ensure_environment_config();
  if (state.buffer == nullptr) {
    static thread_local ThreadRetirer retirer;
    (void)retirer;
    state.buffer = registry().add();
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

// detail::ticks() without the function-static guard, for a thread that has recorded.
VIGIL_DETAIL_ALWAYS_INLINE std::uint64_t ticks(const ThreadState& state) noexcept {
#if VIGIL_DETAIL_HAS_TSC
  if (VIGIL_DETAIL_LIKELY(state.use_tsc)) return __rdtsc();
#else
  (void)state;
#endif
  return static_cast<std::uint64_t>(steady_ns());
}

inline int uncaught_exceptions(const ThreadState& state) noexcept {
  return state.uncaught != nullptr ? static_cast<int>(*state.uncaught) : std::uncaught_exceptions();
}

// Reserves one item for a span record; null when the ring is full (the span is counted
// as dropped). The caller fills the record in place and publishes it.
inline SpanRecord* reserve_span_record(ThreadState& state, std::uint64_t& position) noexcept {
  Ring& ring = state.buffer->ring;
  position = ring.try_reserve(1);
  state.buffer->spans_created.add();
  if (VIGIL_DETAIL_UNLIKELY(position == Ring::kFull)) {
    state.buffer->spans_dropped.add();
    return nullptr;
  }
  return ::new (static_cast<void*>(ring.at(position).bytes)) SpanRecord;
}

// Writes a text record: `header` with its text = first + second (truncated to fit).
inline void write_text_record(ThreadState& state, TextRecord header, std::string_view first,
                              std::string_view second) noexcept {
  if (state.buffer == nullptr) return;
  if (second.size() > kMaxText) {
    report_once("text-truncated", "an attribute or event text over 8 KiB was truncated");
    second = second.substr(0, kMaxText);
  }
  header.text_len = static_cast<std::uint32_t>(first.size() + second.size());
  const std::size_t n = items_for_text(header.text_len);
  Ring& ring = state.buffer->ring;
  const std::uint64_t position = ring.try_reserve(n);
  if (position == Ring::kFull) {
    state.buffer->records_dropped.add();
    return;
  }
  std::memcpy(ring.at(position).bytes, &header, offsetof(TextRecord, text));
  store_text(ring, position, 0, first);
  store_text(ring, position, first.size(), second);
  ring.publish(position, n);
}

}  // namespace detail
VIGIL_NAMESPACE_END
