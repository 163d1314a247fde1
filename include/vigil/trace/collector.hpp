// vigil/trace/collector.hpp — drains every thread's ring into the exporters.
//
// A background thread drains all rings every flush interval; flush() and shutdown() drain
// synchronously on the caller's thread. Buffers of exited threads are drained, then freed.
// Records become SpanData in trace/decode.hpp; unsampled spans wait in
// trace/failed_traces.hpp for their trace's outcome; batches go to every SpanExporter.
// Thread-safety: one mutex serialises draining and every exporter call; the application's
// threads never take it while recording.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "vigil/common/resource.hpp"
#include "vigil/config.hpp"
#include "vigil/detail/fork.hpp"
#include "vigil/detail/report.hpp"
#include "vigil/detail/sdk_disabled.hpp"
#include "vigil/trace/buffer_registry.hpp"
#include "vigil/trace/decode.hpp"
#include "vigil/trace/failed_traces.hpp"
#include "vigil/trace/span_exporter.hpp"
#include "vigil/trace/stats.hpp"
#include "vigil/trace/thread_setup.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

class Collector {
 public:
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
    decoder_.set_kind(std::move(prefix), kind);
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

  // fork() (detail/fork.hpp): the forking thread holds mutex_ across it, so the child's
  // copy is never caught mid-drain.
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
    decoder_.reset_in_child(inherited_slot);
    failed_traces_ = FailedTraceKeeper{};
    retired_ = TraceStats{};
    exported_ = reported_dropped_ = reported_records_ = 0;
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
    out.spans_inherited = decoder_.inherited();
    out.records_dropped += decoder_.orphaned();
    out.spans_sampled_out = failed_traces_.sampled_out();
    out.spans_held = failed_traces_.held();
    buffer_registry().for_each([&out](RegisteredBuffer& buffer) { add_counts(out, buffer); });
    return out;
  }

  void update_active() {
    g_tracing_active.store(enabled_ && !exporters_.empty() && !sdk_disabled(),
                           std::memory_order_relaxed);
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
    buffer_registry().for_each([this](RegisteredBuffer& buffer) {
      decoder_.drain(
          buffer, [this](SpanData&& span) { return route(std::move(span)); },
          [this] { export_batch(); });
    });
    buffer_registry().remove_if([this](RegisteredBuffer& buffer) {
      if (!buffer.retired.load(std::memory_order_acquire)) return false;
      if (buffer.ring.read_begin() != buffer.ring.read_end()) return false;
      add_counts(retired_, buffer);
      decoder_.forget(buffer);
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

  // True when the batch is full and should be exported now.
  bool route(SpanData&& span) {
    if (VIGIL_DETAIL_LIKELY(span.sampled)) {
      batch_.push_back(std::move(span));
    } else {
      failed_traces_.add(std::move(span), batch_);
    }
    return batch_.size() >= kMaxBatch;
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
  std::chrono::milliseconds interval_{kDefaultFlushInterval};
  std::vector<std::shared_ptr<SpanExporter>> exporters_;
  std::vector<SpanData> batch_;
  RecordDecoder decoder_;
  FailedTraceKeeper failed_traces_;
  TraceStats retired_;
  std::uint64_t exported_ = 0;
  std::uint64_t reported_dropped_ = 0;
  std::uint64_t reported_records_ = 0;
};

inline Collector& collector();

// The first process allocates id-range slots upwards from 1 and never reaches 2^26 in
// practice; a child takes 16 slots at 2^26 + 16 * pid (pid_max is at most 2^22), so a
// parent and its children, and children of one parent, draw disjoint span ids.
constexpr std::uint64_t kChildSlotBase = std::uint64_t{1} << 26;
constexpr std::uint64_t kSlotsPerChild = 16;
static_assert(kChildSlotBase + kSlotsPerChild * (std::uint64_t{1} << 22) - 1 <= kMaxSlot);

// In a fork()ed child every thread buffer is the parent's, and the parent exports it; the
// forking thread takes a fresh buffer and span-id range (from the child's own region) with
// its next span, so spans it starts under an open span join that span's trace.
inline void reset_tracing_in_child() {
  const std::uint64_t inherited_slot = t_trace.next_id >> kSlotShift;
  buffer_registry().clear_in_child();
  t_trace.buffer = nullptr;
  t_trace.next_id = t_trace.id_limit = 0;
  const auto pid = static_cast<std::uint64_t>(::getpid());
  g_next_slot.store(kChildSlotBase + kSlotsPerChild * (pid % (std::uint64_t{1} << 22)),
                    std::memory_order_relaxed);
  collector().reset_in_child(inherited_slot);
}

inline constexpr ForkParticipant kTracingForkParticipant{10,
                                                         [] {
                                                           collector().lock_for_fork();
                                                           buffer_registry().lock_for_fork();
                                                         },
                                                         [] {
                                                           buffer_registry().unlock_after_fork();
                                                           collector().unlock_after_fork();
                                                         },
                                                         [] {
                                                           reset_tracing_in_child();
                                                           buffer_registry().unlock_after_fork();
                                                           collector().unlock_after_fork();
                                                         }};

inline Collector& collector() {
  // Leaked on purpose: threads may still record while static objects are destroyed.
  static Collector* instance = [] {
    auto* created = new Collector();
    std::atexit([] { collector().shutdown(); });
    join_fork_guard(kTracingForkParticipant);
    return created;
  }();
  return *instance;
}

}  // namespace detail
VIGIL_NAMESPACE_END
