// vigil/log/logger.hpp — the log runtime: emitting records, the sink set, flush. Include it
// (or any sink, or vigil/runtime.hpp) where the program sets logging up.
//
// The VIGIL_LOG_* macros (macros.hpp) and Component's methods both end in emit_record()
// through g_log_runtime (log/runtime_link.hpp, defined here). In background delivery (the
// default, log/delivery.hpp) the caller copies the call — component, level, tick, span
// context ids, run-context generation, request context, message and arguments — into its
// thread's ring (log/thread_ring.hpp) and returns; the log worker (log/worker.hpp) builds the
// LogRecord — time, the message with its `{}` filled, the fields, trace_id/span_id, the run
// context, the resource and the request context — and hands it to every sink of the current
// set (consoles also get the status/header/section decorations, other sinks never do). In
// caller delivery the caller does all of that itself.
// Until set_log_sinks/add_log_sink is called the set holds one default sink chosen by
// VIGIL_LOG_FORMAT: `console` (default; ConsoleSink on stderr) or `json` (JSON lines on
// stdout). Changing the set first delivers what was logged before; flush_logs() delivers
// everything and runs at exit, so nothing queued is lost.
// With OTEL_SDK_DISABLED=true the set keeps only its console sinks.
// Cost: a record below its level costs one branch (macros) and evaluates nothing; an
// emitted one costs its caller a tick read and a copy into its ring (background), or the
// formatting and the sinks' own work (caller); nothing here allocates once a thread has
// emitted its first record. A full ring drops the record and counts it.
// Thread-safety: everything may be called from any thread. A record being emitted while
// the sink set changes may still reach the previous set; a replaced sink is destroyed when
// the last thread that used it emits again or exits.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <sys/syscall.h>
#include <unistd.h>

#include "vigil/common/context.hpp"
#include "vigil/common/id_mapping.hpp"
#include "vigil/common/request_context.hpp"
#include "vigil/common/resource.hpp"
#include "vigil/common/run_context.hpp"
#include "vigil/config.hpp"
#include "vigil/detail/clock.hpp"
#include "vigil/detail/fork.hpp"
#include "vigil/detail/report.hpp"
#include "vigil/detail/sdk_disabled.hpp"
#include "vigil/detail/self_counters.hpp"
#include "vigil/log/delivery.hpp"
#include "vigil/log/format.hpp"
#include "vigil/log/level_filter.hpp"
#include "vigil/log/record.hpp"
#include "vigil/log/ring_record.hpp"
#include "vigil/log/runtime_link.hpp"
#include "vigil/log/sinks/console_sink.hpp"
#include "vigil/log/sinks/json_sink.hpp"
#include "vigil/log/sinks/sink.hpp"
#include "vigil/log/thread_ring.hpp"
#include "vigil/log/worker.hpp"

VIGIL_NAMESPACE_BEGIN

using LogSinks = std::vector<std::shared_ptr<LogSink>>;

namespace detail {

struct LogSinkState {
  std::mutex mutex;
  std::shared_ptr<const LogSinks> current;  // null until first needed: then the default
};

// Bumped by every change of the sink set; each thread re-reads the set when it moved.
inline std::atomic<std::uint64_t> g_log_sinks_version{1};

inline LogSinks default_log_sinks() {
  const char* format = std::getenv("VIGIL_LOG_FORMAT");
  const std::string_view name = format != nullptr ? format : "";
  if (name == "json") return {std::make_shared<JsonSink>(stdout)};
  if (!name.empty() && name != "console") {
    report_once("VIGIL_LOG_FORMAT", "VIGIL_LOG_FORMAT='" + std::string(name) +
                                        "' is neither 'console' nor 'json'; using console");
  }
  return {std::make_shared<ConsoleSink>(stderr)};
}

// OTEL_SDK_DISABLED=true (detail/sdk_disabled.hpp): only the console sinks stay.
inline LogSinks obeying_sdk_switch(LogSinks sinks) {
  if (sdk_disabled()) {
    sinks.erase(
        std::remove_if(sinks.begin(), sinks.end(),
                       [](const std::shared_ptr<LogSink>& sink) { return !sink->console(); }),
        sinks.end());
  }
  return sinks;
}

inline void flush_current_log_sinks();

inline std::atomic<LogWorker*> g_log_worker{nullptr};

// Delivers what every thread's ring holds, on the calling thread; not from inside a sink.
inline void drain_log_rings();

inline LogSinkState& log_sink_state();

inline constexpr ForkParticipant kLogForkParticipant{20, [] { log_sink_state().mutex.lock(); },
                                                     [] { log_sink_state().mutex.unlock(); },
                                                     [] { log_sink_state().mutex.unlock(); }};

inline LogSinkState& log_sink_state() {
  static auto* state = [] {
    (void)sdk_disabled();  // read before any sink lock is held: its report may log
    std::atexit(&flush_current_log_sinks);
    join_fork_guard(kLogForkParticipant);
    return new LogSinkState();  // leaked on purpose: threads may log during exit
  }();
  return *state;
}

inline std::shared_ptr<const LogSinks> current_log_sinks_locked(LogSinkState& state) {
  if (state.current == nullptr)
    state.current = std::make_shared<const LogSinks>(obeying_sdk_switch(default_log_sinks()));
  return state.current;
}

inline std::shared_ptr<const LogSinks> current_log_sinks() {
  auto& state = log_sink_state();
  std::lock_guard<std::mutex> lock(state.mutex);
  return current_log_sinks_locked(state);
}

#if VIGIL_DETAIL_LOGGING_ON

// What a thread remembers between records, so that a record allocates and locks nothing.
struct LogThread {
  std::uint64_t sinks_version = 0;
  std::shared_ptr<const LogSinks> sinks;
  std::uint32_t resource_version = 0;
  std::shared_ptr<const Resource> resource;
  std::uint32_t run_generation = UINT32_MAX;
  const AttributeList* run_context = nullptr;
  std::uint64_t thread_id = 0;
  std::string message;
  LogRingOwner ring;  // background delivery: this thread's ring, once it logged

  LogThread() = default;
  LogThread(const LogThread&) = delete;
  LogThread& operator=(const LogThread&) = delete;
  ~LogThread();
};

inline thread_local LogThread t_log;
// Trivial thread_locals, read by every record without a TLS guard, and readable to the end.
inline thread_local bool t_log_gone = false;
inline thread_local bool t_log_emitting = false;          // a sink of this thread is writing
inline thread_local LogThreadRing* t_log_ring = nullptr;  // t_log.ring's, until it is gone

inline LogThread::~LogThread() {
  if (this != &t_log) return;
  t_log_gone = true;
  t_log_ring = nullptr;
}

// The thread's state; after its thread_local destruction (a record from a later destructor,
// the flush at exit on the main thread) a shared leaked one, so nothing destroyed is touched.
inline LogThread& this_log_thread() {
  if (VIGIL_DETAIL_UNLIKELY(t_log_gone)) {
    static auto* after_exit = new LogThread();
    return *after_exit;
  }
  return t_log;
}

// Gives the thread `ring` (or none), and the record path its pointer while the thread's own
// state lives.
inline void set_thread_log_ring(LogThread& t, std::shared_ptr<LogThreadRing> ring) noexcept {
  t.ring.reset(std::move(ring));
  t_log_ring = t_log_gone ? nullptr : t.ring.get();
}

inline std::uint64_t log_thread_id(LogThread& t) {
  if (t.thread_id == 0) t.thread_id = static_cast<std::uint64_t>(::syscall(SYS_gettid));
  return t.thread_id;
}

// The span, run and request context of the calling thread, as a record carries them.
inline LogCallContext capture_call_context() noexcept {
  LogCallContext context;
  context.run_context = t_run_context;
#if VIGIL_DETAIL_TRACING_ON
  if (const ContextNode* top = t_context; top != nullptr) {
    context.trace = top->context.trace;
    context.span_id = top->context.span_id;
    context.run_context = top->context.run_context;
    context.in_span = true;
  }
#endif
  if (t_request != nullptr) context.request = &t_request->context;
  return context;
}

// Fills what `record` takes from its call context: ids, the run context, the resource.
inline void resolve_context(LogThread& t, LogRecord& record, const LogCallContext& context) {
  if (context.in_span) {
    record.trace_id = export_trace_id(context.trace);
    record.span_id = export_span_id(context.span_id);
  }
  const std::uint32_t generation = effective_run_context(context.run_context);
  if (generation != t.run_generation) {
    t.run_context = run_context(generation).get();  // contexts are never freed
    t.run_generation = generation;
  }
  record.run_context_generation = generation;
  record.run_context = t.run_context;
  const std::uint32_t version = g_resource_version.load(std::memory_order_acquire);
  if (t.resource == nullptr || version != t.resource_version) {
    t.resource = resource();
    t.resource_version = version;
  }
  record.resource = t.resource.get();
}

inline bool needs_formatting(std::string_view message, const LogArg* args, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) {
    if (args[i].is_positional()) return true;
  }
  return std::memchr(message.data(), '{', message.size()) != nullptr ||
         std::memchr(message.data(), '}', message.size()) != nullptr;
}

// Formats the message and hands the record to every sink, on the calling thread. Never
// throws: a throwing sink is reported once and the others still get the record.
inline void deliver_to_sinks(LogThread& t, LogRecord& record) noexcept {
  t_log_emitting = true;
  try {
    if (needs_formatting(record.message, record.args, record.arg_count)) {
      t.message.clear();
      g_log_formatter.load(std::memory_order_acquire)(t.message, record.message, record.args,
                                                      record.arg_count);
      record.message = t.message;
    }
    const std::uint64_t version = g_log_sinks_version.load(std::memory_order_acquire);
    if (version != t.sinks_version) {
      t.sinks = current_log_sinks();
      t.sinks_version = version;
    }
    for (const auto& sink : *t.sinks) {
      if (!console_only(record.decoration) || sink->console()) sink->write(record);
    }
  } catch (const std::exception& e) {
    report_once("log-exception", std::string("a log sink threw (") + e.what() +
                                     "); the record may be missing from some sinks");
  } catch (...) {
    report_once("log-exception", "a log sink threw; the record may be missing from some sinks");
  }
  t_log_emitting = false;
}

// Both deliveries end here: the record's context filled in, then every sink.
inline void resolve_and_deliver(LogThread& t, LogRecord& record,
                                const LogCallContext& context) noexcept {
  try {
    resolve_context(t, record, context);
  } catch (...) {
    report_once("log-exception", "a log record's context could not be read");
    return;
  }
  deliver_to_sinks(t, record);
}

// The worker's side: one record read back from a thread's ring.
inline void deliver_from_ring(LogRecordView& view, const LogThreadRing& ring) {
  const LogRingHeader& header = view.header;
  LogRecord record;
  record.time_unix_ns = process_clock().to_unix_ns(header.ticks);
  record.level = header.level;
  record.decoration = header.decoration;
  record.component = header.component->name;
  record.message = view.message;
  record.args = view.args;
  record.arg_count = header.arg_count;
  record.thread_id = ring.thread_id;
  record.request = view.request.get();
  LogCallContext context;
  context.trace = view.span.trace;
  context.span_id = view.span.span_id;
  context.run_context = header.run_context;
  context.in_span = (header.flags & kLogInSpan) != 0;
  LogThread& t = this_log_thread();
  resolve_and_deliver(t, record, context);
  if ((header.flags & kLogTruncated) != 0) {
    count_log_record_truncated();
    report_once("log-truncated",
                "a log record was longer than " +
                    std::to_string(kMaxLogRecordItems * sizeof(Item)) + " bytes or had more than " +
                    std::to_string(kMaxLogRecordArgs) +
                    " arguments; it was cut (counted in vigil_log_records_truncated_total)");
  }
}

inline constexpr ForkParticipant kLogWorkerForkParticipant{
    15, [] { g_log_worker.load()->lock_for_fork(); },
    [] { g_log_worker.load()->unlock_after_fork(); },
    [] {
      LogWorker& worker = *g_log_worker.load();
      worker.reset_in_child();
      // POSIX lets a child of a threaded program make only async-signal-safe calls before
      // exec, and thread creation is not one: the child's callers deliver until
      // set_log_delivery(background) asks for a worker again.
      g_log_delivery.store(static_cast<std::uint8_t>(LogDelivery::caller));
      // The forking thread takes a fresh ring at its next record.
      set_thread_log_ring(this_log_thread(), nullptr);
      worker.unlock_after_fork();
    }};

inline LogWorker& log_worker() {
  static LogWorker* worker = [] {
    (void)log_sink_state();  // its flush at exit must run after the worker stopped
    // Leaked on purpose: threads may log during exit. After each pass the draining thread
    // lets go of the sink set, so that a replaced sink is not kept alive by the worker.
    auto* created = new LogWorker(&deliver_from_ring, [] {
      LogThread& t = this_log_thread();
      t.sinks.reset();
      t.sinks_version = 0;
    });
    g_log_worker.store(created);
    join_fork_guard(kLogWorkerForkParticipant);
    std::atexit([] {
      g_log_delivery.store(static_cast<std::uint8_t>(LogDelivery::caller));
      g_log_worker.load()->stop();
    });
    return created;
  }();
  return *worker;
}

// A thread's first record in background delivery: its ring, and the worker running. Null
// where the caller must deliver (no worker can run, no memory, or the thread's state is
// gone: a record from a later destructor).
VIGIL_DETAIL_NOINLINE inline LogThreadRing* attach_log_ring() noexcept {
  if (t_log_gone) return nullptr;
  try {
    LogWorker& worker = log_worker();
    if (!worker.ensure_running()) return nullptr;
    (void)anchor_process_clock();
    LogThread& t = this_log_thread();
    auto ring = std::make_shared<LogThreadRing>(kLogRingItems, log_thread_id(t), tsc_in_use());
    worker.registry().add(ring);
    set_thread_log_ring(t, std::move(ring));
    return t.ring.get();
  } catch (...) {
    return nullptr;
  }
}

// False where the record must be delivered by the caller.
inline bool push_to_worker(const ComponentState& component, Level level, Decoration decoration,
                           std::string_view message, const LogArg* args,
                           std::size_t count) noexcept {
  LogThreadRing* ring = t_log_ring;
  if (VIGIL_DETAIL_UNLIKELY(ring == nullptr) && (ring = attach_log_ring()) == nullptr) return false;
  const bool use_tsc = ring->use_tsc;
  if (!push_log_record(
          *ring, component, level, decoration, [use_tsc] { return ticks(use_tsc); },
          capture_call_context(), message, args, count)) {
    count_log_records_dropped();
    report_once("log-ring-full",
                "a thread's log ring was full; records are dropped (counted in "
                "vigil_log_records_dropped_total) until the log worker catches up");
    return true;
  }
  if (level >= Level::warn || console_only(decoration)) g_log_worker.load()->wake();
  return true;
}

/// Builds the record and hands it to the sinks, or to the log worker. Never throws.
inline void emit_record(const ComponentState& component, Level level, Decoration decoration,
                        std::string_view message, const LogArg* args, std::size_t count) noexcept {
  if (t_log_emitting) {
    report_once("log-reentry",
                "a log sink logged while writing a record; that record is "
                "dropped (sinks must not log)");
    return;
  }
  if (log_delivery() == LogDelivery::background &&
      push_to_worker(component, level, decoration, message, args, count))
    return;
  LogThread& t = this_log_thread();
  LogRecord record;
  record.time_unix_ns = system_ns();
  record.level = level;
  record.decoration = decoration;
  record.component = component.name;
  record.args = args;
  record.arg_count = count;
  record.message = message;
  const LogCallContext context = capture_call_context();
  record.request = context.request != nullptr ? context.request->get() : nullptr;
  record.thread_id = log_thread_id(t);
  resolve_and_deliver(t, record, context);
}

// One weak definition per file that includes the log runtime; the linker keeps one.
VIGIL_DETAIL_WEAK extern const LogRuntime g_log_runtime = {
    [](std::string_view name) -> ComponentState& { return component_state(name); },
    &emit_record,
    [] { flush_current_log_sinks(); },
};

#endif  // VIGIL_DETAIL_LOGGING_ON

inline void drain_log_rings() {
#if VIGIL_DETAIL_LOGGING_ON
  if (t_log_emitting) return;  // a sink's own flush: its pass is already running
#endif
  if (LogWorker* worker = g_log_worker.load(std::memory_order_acquire)) worker->flush();
}

// The calling thread lets go of the previous set at once, so that a program that logs from
// one thread sees a removed sink destroyed (and its queue delivered) when this returns.
inline void replace_log_sinks(LogSinks sinks) {
  drain_log_rings();  // what was logged before the change goes to the set it was logged under
  auto& state = log_sink_state();
  std::shared_ptr<const LogSinks> previous, mine;
  std::uint64_t version = 0;
  {
    std::lock_guard<std::mutex> lock(state.mutex);
    previous = std::move(state.current);
    state.current = std::make_shared<const LogSinks>(obeying_sdk_switch(std::move(sinks)));
    mine = state.current;
    version = g_log_sinks_version.fetch_add(1, std::memory_order_release) + 1;
  }
#if VIGIL_DETAIL_LOGGING_ON
  LogThread& t = this_log_thread();
  t.sinks.swap(mine);  // sinks are destroyed out here, never under the lock
  t.sinks_version = version;
#else
  (void)version;
#endif
}

inline void flush_current_log_sinks() {
  drain_log_rings();
  for (const auto& sink : *current_log_sinks()) sink->flush();
}

}  // namespace detail

/// Replaces every sink (an empty list discards every record).
inline void set_log_sinks(LogSinks sinks) {
  detail::replace_log_sinks(std::move(sinks));
}

/// Adds `sink` to the current set (which starts as the VIGIL_LOG_FORMAT default).
inline void add_log_sink(std::shared_ptr<LogSink> sink) {
  LogSinks sinks = *detail::current_log_sinks();
  sinks.push_back(std::move(sink));
  detail::replace_log_sinks(std::move(sinks));
}

/// Removes `sink` from the current set.
inline void remove_log_sink(const std::shared_ptr<LogSink>& sink) {
  LogSinks sinks = *detail::current_log_sinks();
  sinks.erase(std::remove(sinks.begin(), sinks.end(), sink), sinks.end());
  detail::replace_log_sinks(std::move(sinks));
}

inline LogSinks log_sinks() {
  return *detail::current_log_sinks();
}

/// Chooses the thread that formats and writes records from now on (log/delivery.hpp); what
/// the rings hold already is delivered before this returns.
inline void set_log_delivery(LogDelivery delivery) {
  detail::g_log_delivery.store(static_cast<std::uint8_t>(delivery), std::memory_order_relaxed);
  detail::drain_log_rings();
}

VIGIL_NAMESPACE_END
