// vigil/log/logger.hpp — the log runtime: emitting records, the sink set, flush. Include it
// (or any sink, or vigil/runtime.hpp) where the program sets logging up.
//
// The VIGIL_LOG_* macros (macros.hpp) and Component's methods both end in emit() through
// g_log_runtime (log/runtime_link.hpp, defined here), which
// builds a LogRecord on the stack — time, level, component, the message with its `{}`
// filled, the fields, the current span's trace_id/span_id, the run context, the resource
// and the request context — and hands it to every sink of the current set (consoles also
// get the status/header/section decorations, other sinks never do).
// Until set_log_sinks/add_log_sink is called the set holds one default sink chosen by
// VIGIL_LOG_FORMAT: `console` (default; ConsoleSink on stderr) or `json` (JSON lines on
// stdout). flush_logs() runs at exit, so records held by asynchronous sinks are delivered.
// With OTEL_SDK_DISABLED=true the set keeps only its console sinks.
// Cost: a record below its level costs one branch (macros) and evaluates nothing; an
// emitted one costs a clock read, the message formatting and the sinks' own work; nothing
// here allocates once a thread has emitted its first record.
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
#include "vigil/common/request_context.hpp"
#include "vigil/common/resource.hpp"
#include "vigil/common/run_context.hpp"
#include "vigil/config.hpp"
#include "vigil/detail/clock.hpp"
#include "vigil/detail/fork.hpp"
#include "vigil/detail/report.hpp"
#include "vigil/detail/sdk_disabled.hpp"
#include "vigil/log/format.hpp"
#include "vigil/log/level_filter.hpp"
#include "vigil/log/record.hpp"
#include "vigil/log/runtime_link.hpp"
#include "vigil/log/sinks/console_sink.hpp"
#include "vigil/log/sinks/json_sink.hpp"
#include "vigil/log/sinks/sink.hpp"

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
  bool emitting = false;
};

inline thread_local LogThread t_log;

inline void fill_context(LogThread& t, LogRecord& record) {
  std::uint32_t generation = t_run_context;
#if VIGIL_DETAIL_TRACING_ON
  if (const ContextNode* top = t_context; top != nullptr) {
    record.trace_id = export_trace_id(top->context.trace);
    record.span_id = export_span_id(top->context.span_id);
    generation = top->context.run_context;
  }
#endif
  generation = effective_run_context(generation);
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
  record.request = t_request != nullptr ? t_request->context.get() : nullptr;
  if (t.thread_id == 0) t.thread_id = static_cast<std::uint64_t>(::syscall(SYS_gettid));
  record.thread_id = t.thread_id;
}

inline bool needs_formatting(std::string_view message, const LogArg* args, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) {
    if (args[i].is_positional()) return true;
  }
  return std::memchr(message.data(), '{', message.size()) != nullptr ||
         std::memchr(message.data(), '}', message.size()) != nullptr;
}

/// Builds the record and hands it to the sinks. Never throws: a throwing sink is reported
/// once and the others still get the record.
inline void emit_record(const ComponentState& component, Level level, Decoration decoration,
                        std::string_view message, const LogArg* args, std::size_t count) noexcept {
  LogThread& t = t_log;
  if (t.emitting) {
    report_once("log-reentry",
                "a log sink logged while writing a record; that record is "
                "dropped (sinks must not log)");
    return;
  }
  t.emitting = true;
  LogRecord record;
  record.time_unix_ns = system_ns();
  record.level = level;
  record.decoration = decoration;
  record.component = component.name;
  record.args = args;
  record.arg_count = count;
  record.message = message;
  try {
    if (needs_formatting(message, args, count)) {
      t.message.clear();
      g_log_formatter.load(std::memory_order_acquire)(t.message, message, args, count);
      record.message = t.message;
    }
    fill_context(t, record);
    const std::uint64_t version = g_log_sinks_version.load(std::memory_order_acquire);
    if (version != t.sinks_version) {
      t.sinks = current_log_sinks();
      t.sinks_version = version;
    }
    for (const auto& sink : *t.sinks) {
      if (!console_only(decoration) || sink->console()) sink->write(record);
    }
  } catch (const std::exception& e) {
    report_once("log-exception", std::string("a log sink threw (") + e.what() +
                                     "); the record may be missing from some sinks");
  } catch (...) {
    report_once("log-exception", "a log sink threw; the record may be missing from some sinks");
  }
  t.emitting = false;
}

// One weak definition per file that includes the log runtime; the linker keeps one.
VIGIL_DETAIL_WEAK extern const LogRuntime g_log_runtime = {
    [](std::string_view name) -> ComponentState& { return component_state(name); },
    &emit_record,
    [] { flush_current_log_sinks(); },
};

#endif  // VIGIL_DETAIL_LOGGING_ON

// The calling thread lets go of the previous set at once, so that a program that logs from
// one thread sees a removed sink destroyed (and its queue delivered) when this returns.
inline void replace_log_sinks(LogSinks sinks) {
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
  t_log.sinks.swap(mine);  // sinks are destroyed out here, never under the lock
  t_log.sinks_version = version;
#else
  (void)version;
#endif
}

inline void flush_current_log_sinks() {
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

VIGIL_NAMESPACE_END
