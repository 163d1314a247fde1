// vigil/detail/collector.hpp — drains every thread's ring into SpanData for the exporters.
//
// A background thread drains all rings every flush interval; flush() and shutdown() drain
// synchronously on the caller's thread. Buffers of exited threads are drained, then freed.
// Decoding (ids to W3C form, ticks to unix nanoseconds, kind from the name prefix, run
// context by generation) happens here, off the hot path.
// Thread-safety: one mutex serialises draining and every exporter call; the application's
// threads never take it while recording.
#pragma once

#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "vigil/config.hpp"
#include "vigil/detail/clock.hpp"
#include "vigil/detail/failed_traces.hpp"
#include "vigil/detail/fork.hpp"
#include "vigil/detail/report.hpp"
#include "vigil/detail/thread_state.hpp"
#include "vigil/export/exporter.hpp"
#include "vigil/metrics/stage_histogram.hpp"
#include "vigil/trace/kind.hpp"
#include "vigil/trace/record.hpp"
#include "vigil/trace/resource.hpp"
#include "vigil/trace/span_data.hpp"
#include "vigil/trace/stats.hpp"

VIGIL_NAMESPACE_BEGIN

namespace detail {

// What arrived for a span before its SpanRecord.
struct PendingSpan {
  std::string name;
  AttributeList attributes;
  std::vector<SpanEvent> events;
  std::vector<SpanLink> links;
  StatusCode status = StatusCode::unset;
  std::string status_message;
};

struct BufferState {
  std::unordered_map<std::uint64_t, PendingSpan> pending;
  std::shared_ptr<const ThreadInfo> thread;
};

class Collector {
 public:
  static constexpr std::size_t kMaxPendingSpans = 65536;
  static constexpr std::size_t kMaxBatch = 8192;  // bounds the collector's own memory

  void add_exporter(std::shared_ptr<SpanExporter> exporter) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      exporters_.push_back(std::move(exporter));
      update_active();
    }
    start_worker();
  }

  void remove_exporter(const std::shared_ptr<SpanExporter>& exporter) {
    std::lock_guard<std::mutex> lock(mutex_);
    drain_locked();
    exporter->flush();
    exporters_.erase(std::remove(exporters_.begin(), exporters_.end(), exporter), exporters_.end());
    update_active();
  }

  void set_enabled(bool enabled) {
    std::lock_guard<std::mutex> lock(mutex_);
    enabled_ = enabled;
    update_active();
  }

  void set_kind(std::string prefix, SpanKind kind) {
    std::lock_guard<std::mutex> lock(mutex_);
    kinds_.set(std::move(prefix), kind);
  }

  void set_flush_interval(std::chrono::milliseconds interval) {
    std::lock_guard<std::mutex> lock(mutex_);
    interval_ = interval;
  }

  void flush() {
    std::lock_guard<std::mutex> lock(mutex_);
    drain_locked();
    for (auto& exporter : exporters_) exporter->flush();
  }

  void shutdown() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      g_tracing_active.store(false, std::memory_order_relaxed);
      stop_ = true;
    }
    wake_.notify_all();
    if (worker_.joinable()) worker_.join();
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = false;
    drain_locked();
    failed_traces_.drop_all();
    for (auto& exporter : exporters_) exporter->shutdown();
    exporters_.clear();
    report_losses_locked();
  }

  TraceStats stats() {
    std::lock_guard<std::mutex> lock(mutex_);
    return stats_locked();
  }

  // fork() (see fork.hpp): the forking thread holds mutex_ across it, so the child's copy
  // is never caught mid-drain.
  void lock_for_fork() { mutex_.lock(); }
  void unlock_after_fork() { mutex_.unlock(); }

  // In the child, with mutex_ held. The parent's worker thread does not exist here, so its
  // handle and condition variable are written over, never joined or destroyed; the
  // exporters are the parent's (sender threads, open files) and are set aside unused.
  void reset_in_child(std::uint64_t inherited_slot) {
    ::new (static_cast<void*>(&worker_)) std::thread();
    ::new (static_cast<void*>(&wake_)) std::condition_variable();
    static auto* parents_exporters = new std::vector<std::shared_ptr<SpanExporter>>();
    parents_exporters->insert(parents_exporters->end(), exporters_.begin(), exporters_.end());
    exporters_.clear();
    batch_.clear();
    states_.clear();
    failed_traces_ = FailedTraceKeeper{};
    retired_ = TraceStats{};
    exported_ = orphaned_ = inherited_ = reported_dropped_ = reported_records_ = 0;
    inherited_slot_ = inherited_slot;
    stop_ = false;
    update_active();
  }

 private:
  static void add_counts(TraceStats& totals, const ThreadBuffer& buffer) {
    totals.spans_created += buffer.spans_created.get();
    totals.spans_dropped += buffer.spans_dropped.get();
    totals.records_dropped += buffer.records_dropped.get();
  }

  TraceStats stats_locked() {
    TraceStats out = retired_;
    out.spans_exported = exported_;
    out.spans_inherited = inherited_;
    out.records_dropped += orphaned_;
    out.spans_sampled_out = failed_traces_.sampled_out();
    out.spans_held = failed_traces_.held();
    registry().for_each([&out](ThreadBuffer& buffer) { add_counts(out, buffer); });
    return out;
  }

  void update_active() {
    g_tracing_active.store(enabled_ && !exporters_.empty(), std::memory_order_relaxed);
  }

  void start_worker() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (worker_.joinable()) return;
    worker_ = std::thread([this] { run(); });
  }

  void run() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stop_) {
      wake_.wait_for(lock, interval_, [this] { return stop_; });
      if (stop_) break;
      drain_locked();
    }
  }

  void drain_locked() {
    registry().for_each([this](ThreadBuffer& buffer) { drain(buffer); });
    registry().remove_if([this](ThreadBuffer& buffer) {
      if (!buffer.retired.load(std::memory_order_acquire)) return false;
      if (buffer.ring.read_begin() != buffer.ring.read_end()) return false;
      retire(buffer);
      return true;
    });
    export_batch();
  }

  void export_batch() {
    if (batch_.empty()) return;
    const std::shared_ptr<const Resource> current = resource();
    for (auto& exporter : exporters_) exporter->export_spans(batch_, *current);
    exported_ += batch_.size();
    batch_.clear();
  }

  void retire(ThreadBuffer& buffer) {
    add_counts(retired_, buffer);
    auto it = states_.find(&buffer);
    if (it != states_.end()) {
      orphaned_ += it->second.pending.size();
      states_.erase(it);
    }
  }

  BufferState& state_of(ThreadBuffer& buffer) {
    BufferState& state = states_[&buffer];
    std::lock_guard<std::mutex> lock(buffer.name_mutex);
    if (!state.thread || state.thread->name != buffer.name) {
      auto info = std::make_shared<ThreadInfo>();
      info->os_thread_id = buffer.os_thread_id;
      info->name = buffer.name;
      state.thread = std::move(info);
    }
    return state;
  }

  void drain(ThreadBuffer& buffer) {
    Ring& ring = buffer.ring;
    const std::uint64_t end = ring.read_end();
    std::uint64_t position = ring.read_begin();
    if (position == end) return;
    BufferState& state = state_of(buffer);
    clock_.refresh();
    while (position < end) {
      const auto type = static_cast<RecordType>(ring.at(position).bytes[0]);
      if (type == RecordType::span) {
        SpanRecord record;
        std::memcpy(&record, ring.at(position).bytes, sizeof record);
        if (VIGIL_DETAIL_UNLIKELY(inherited_slot_ != 0 &&
                                  record.span_id >> kSlotShift == inherited_slot_)) {
          state.pending.erase(record.span_id);  // opened before fork(): the parent exports it
          ++inherited_;
        } else {
          route(decode(record, state));
        }
        ++position;
        if (batch_.size() >= kMaxBatch) {
          ring.release(position);
          export_batch();
        }
        continue;
      }
      TextRecord header;
      std::memcpy(&header, ring.at(position).bytes, sizeof header);
      apply(header, ring, position, state);
      position += items_for_text(header.text_len);
    }
    ring.release(end);
    if (state.pending.size() > kMaxPendingSpans) {
      // Only spans whose end record was dropped stay pending this long.
      orphaned_ += state.pending.size();
      state.pending.clear();
    }
  }

  void apply(const TextRecord& header, Ring& ring, std::uint64_t position, BufferState& state) {
    PendingSpan& pending = state.pending[header.span_id];
    switch (header.type) {
      case RecordType::attribute: {
        std::string key = load_text(ring, position, 0, header.key_len);
        OwnedValue value = decode_value(header, ring, position);
        AttributeList* target = &pending.attributes;
        if (header.target == AttributeTarget::last_event && !pending.events.empty()) {
          target = &pending.events.back().attributes;
        } else if (header.target == AttributeTarget::last_link && !pending.links.empty()) {
          target = &pending.links.back().attributes;
        }
        upsert(*target, std::move(key), std::move(value));
        break;
      }
      case RecordType::event:
        pending.events.push_back(
            {load_text(ring, position, 0, header.text_len), clock_.to_unix_ns(header.number), {}});
        break;
      case RecordType::status:
        pending.status = static_cast<StatusCode>(header.code);
        pending.status_message = load_text(ring, position, 0, header.text_len);
        break;
      case RecordType::name:
        pending.name = load_text(ring, position, 0, header.text_len);
        break;
      case RecordType::link: {
        const std::string trace = load_text(ring, position, 0, header.text_len);
        SpanLink link;
        std::memcpy(&link.trace_id.high, trace.data(), 8);
        std::memcpy(&link.trace_id.low, trace.data() + 8, 8);
        link.span_id.value = header.number;
        pending.links.push_back(std::move(link));
        break;
      }
      case RecordType::span:
        break;
    }
  }

  static OwnedValue decode_value(const TextRecord& header, Ring& ring, std::uint64_t position) {
    switch (static_cast<ValueType>(header.code)) {
      case ValueType::int64:
        return static_cast<std::int64_t>(header.number);
      case ValueType::float64: {
        double d;
        std::memcpy(&d, &header.number, sizeof d);
        return d;
      }
      case ValueType::boolean:
        return header.number != 0;
      case ValueType::string:
        break;
    }
    return load_text(ring, position, header.key_len, header.text_len - header.key_len);
  }

  SpanData decode(const SpanRecord& record, BufferState& state) {
    SpanData span;
    span.trace_id = export_trace_id({record.trace_high, record.trace_low});
    span.span_id = export_span_id(record.span_id);
    span.parent_span_id = export_span_id(record.parent_id);
    span.start_unix_ns = clock_.to_unix_ns(record.start);
    span.end_unix_ns = span.start_unix_ns + clock_.duration_ns(record.start, record.end);
    span.site = record.site;
    span.thread = state.thread;
    span.run_context = run_context_of(record.run_context);
    auto it = state.pending.find(record.span_id);
    if (it != state.pending.end()) {
      PendingSpan& pending = it->second;
      span.name = std::move(pending.name);
      span.attributes = std::move(pending.attributes);
      span.events = std::move(pending.events);
      span.links = std::move(pending.links);
      span.status = pending.status;
      span.status_message = std::move(pending.status_message);
      state.pending.erase(it);
    }
    if (record.site != nullptr && (record.flags & kFlagRuntimeName) == 0)
      span.name = record.site->name;
    if (span.name.empty()) {
      // Given empty, or its name record found the ring full (counted in records_dropped):
      // OTLP wants a name, and readers should see why it is missing.
      span.name = "unnamed";
      upsert(span.attributes, "vigil.name_missing", true);
    }
    span.sampled = (record.flags & kFlagUnsampled) == 0;
    span.parent_remote = (record.flags & kFlagRemoteParent) != 0;
    span.kind = record.kind != SpanKind::unspecified ? record.kind : kinds_.resolve(span.name);
    return span;
  }

  // Consecutive spans nearly always share a generation: ask the resource state (and take
  // its lock) only when it changes.
  const std::shared_ptr<const AttributeList>& run_context_of(std::uint32_t generation) {
    if (!last_run_context_ || generation != last_generation_) {
      last_run_context_ = run_context(generation);
      last_generation_ = generation;
    }
    return last_run_context_;
  }

  void route(SpanData&& span) {
    if (VIGIL_DETAIL_METRICS_ON) stage_histograms_.record(span);
    if (VIGIL_DETAIL_LIKELY(span.sampled)) {
      batch_.push_back(std::move(span));
    } else {
      failed_traces_.add(std::move(span), batch_);
    }
  }

  void report_losses_locked() {
    const TraceStats totals = stats_locked();
    const std::uint64_t dropped = totals.spans_dropped, records = totals.records_dropped;
    if (dropped == reported_dropped_ && records == reported_records_) return;
    report("shutdown: " + std::to_string(dropped) + " spans and " + std::to_string(records) +
           " attribute/event records were dropped because a thread's buffer was full "
           "(raise vigil::TraceOptions::buffer_items or flush more often)");
    reported_dropped_ = dropped;
    reported_records_ = records;
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread worker_;
  bool stop_ = false;
  bool enabled_ = true;
  std::chrono::milliseconds interval_{50};
  std::vector<std::shared_ptr<SpanExporter>> exporters_;
  std::vector<SpanData> batch_;
  std::unordered_map<const ThreadBuffer*, BufferState> states_;
  TickConverter clock_;
  KindMap kinds_;
  FailedTraceKeeper failed_traces_;
  StageHistograms stage_histograms_;
  TraceStats retired_;
  std::uint64_t exported_ = 0;
  std::uint64_t orphaned_ = 0;
  std::uint64_t inherited_ = 0;
  std::uint64_t inherited_slot_ = 0;  // in a fork()ed child: the forking thread's old range
  std::uint64_t reported_dropped_ = 0;
  std::uint64_t reported_records_ = 0;
  std::uint32_t last_generation_ = 0;
  std::shared_ptr<const AttributeList> last_run_context_;
};

inline Collector& collector() {
  // Leaked on purpose: threads may still record while static objects are destroyed.
  static Collector* instance = [] {
    auto* created = new Collector();
    std::atexit([] { collector().shutdown(); });
    ::pthread_atfork(
        [] {
          collector().lock_for_fork();
          lock_process_state_for_fork();
        },
        [] {
          unlock_process_state_after_fork();
          collector().unlock_after_fork();
        },
        [] {
          const std::uint64_t inherited_slot = reset_process_state_in_child();
          collector().reset_in_child(inherited_slot);
          unlock_process_state_after_fork();
          collector().unlock_after_fork();
          name_child_process();
        });
    return created;
  }();
  return *instance;
}

}  // namespace detail
VIGIL_NAMESPACE_END
