// vigil/log/worker.hpp — the log worker: the background thread that drains every thread's
// ring (log/thread_ring.hpp) and hands each record to the sinks, so that callers only copy.
//
// A pass takes, from every ring, what was published when it began, and delivers it merged by
// the tick each record was stamped at (just before it was published): one thread's records
// keep their order, and records of different threads come out in the order they were made.
// The worker's own passes take only records stamped before the pass began, so that a record
// whose thread is still publishing it does not come out behind a later one of another
// thread; the order can still break where a thread was preempted between stamping and
// publishing (a few instructions). The worker passes every kDrainInterval, and at once when
// a WARN or higher record or a console decoration arrives, so that an interactive program's
// console keeps up with it. flush() runs a pass on the calling thread that takes everything
// published (waiting for the worker's pass if one is running). The worker starts with the
// first ring and stops at exit, after which records are delivered by their callers.
// Thread-safety: every member may be called from any thread; passes are serialised.
#pragma once

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
#include <system_error>
#include <thread>
#include <vector>

#include "vigil/config.hpp"
#include "vigil/detail/clock.hpp"
#include "vigil/detail/report.hpp"
#include "vigil/log/ring_record.hpp"
#include "vigil/log/thread_ring.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

inline constexpr std::chrono::milliseconds kDrainInterval{10};

// Hands one record to the sinks; set by the log runtime.
using LogDeliverFn = void (*)(LogRecordView& view, const LogThreadRing& ring);
// Called on the draining thread after each pass.
using LogPassEndFn = void (*)();

class LogWorker {
 public:
  LogWorker(LogDeliverFn deliver, LogPassEndFn pass_end) : deliver_(deliver), pass_end_(pass_end) {}

  LogRingRegistry& registry() noexcept { return registry_; }

  // False when no worker can run (exit has begun, or no thread could be started).
  bool ensure_running() {
    std::lock_guard<std::mutex> lock(state_mutex_);
    if (stopped_) return false;
    if (thread_.joinable()) return true;
    try {
      thread_ = std::thread([this] { run(); });
    } catch (const std::system_error& e) {
      report_once("log-worker", std::string("no log worker thread (") + e.what() +
                                    "); records are written by their callers");
      stopped_ = true;
      return false;
    }
    return true;
  }

  void wake() noexcept {
    if (!wake_pending_.exchange(true, std::memory_order_acq_rel)) wake_.notify_one();
  }

  // Delivers everything published before the call.
  void flush() { pass(kEverything); }

  // Delivers, merged by tick, the records published before the call that were made before
  // `limit` (in the process's tick unit); the rest waits for a later pass.
  void pass(std::uint64_t limit) {
    std::lock_guard<std::mutex> lock(drain_mutex_);
    drain_locked(limit);
  }

  // At exit: the worker finishes its pass and ends; flush() still works afterwards.
  void stop() {
    std::thread worker;
    {
      std::lock_guard<std::mutex> lock(state_mutex_);
      stopped_ = true;
      worker.swap(thread_);
    }
    wake_.notify_one();
    if (worker.joinable()) {
      if (worker.get_id() == std::this_thread::get_id()) {
        worker.detach();  // exit() called by a sink, on the worker itself
      } else {
        worker.join();
      }
    }
  }

  // fork(): the drain and registry locks are held across it.
  void lock_for_fork() {
    drain_mutex_.lock();
    state_mutex_.lock();
    registry_.lock_for_fork();
  }
  void unlock_after_fork() {
    registry_.unlock_after_fork();
    state_mutex_.unlock();
    drain_mutex_.unlock();
  }
  // In the child, with the locks held: the parent's worker does not exist here, so its
  // handle is written over, never joined; the parent's rings are the parent's to deliver.
  void reset_in_child() {
    ::new (static_cast<void*>(&thread_)) std::thread();
    ::new (static_cast<void*>(&wake_)) std::condition_variable();
    registry_.clear_in_child();
    cursors_.clear();
    rings_.clear();
  }

 private:
  static constexpr std::uint64_t kEverything = ~std::uint64_t{0};

  // One ring's unread records in this pass, and the tick of the record at `position`.
  struct Cursor {
    LogThreadRing* ring;
    std::uint64_t position;
    std::uint64_t end;
    std::uint64_t ticks = 0;

    // Skips padding; false when no record made before `limit` is left in this pass.
    bool next_before(std::uint64_t limit) noexcept {
      LogRingHeader header;
      while (position != end) {
        std::memcpy(&header, ring->ring.at(position).bytes, sizeof header);
        if ((header.flags & kLogPadding) == 0) {
          ticks = header.ticks;
          return ticks < limit;
        }
        position += header.items;
        ring->ring.release(position);
      }
      return false;
    }
  };

  void run() {
    std::mutex sleep_mutex;
    while (true) {
      // A record stamped before this pass began but published after a ring was read would
      // come out behind later records of other threads: the pass takes only older ones.
      pass(ticks_before_later_loads());
      std::unique_lock<std::mutex> lock(sleep_mutex);
      wake_.wait_for(lock, kDrainInterval, [this] {
        return wake_pending_.load(std::memory_order_acquire) || stopping();
      });
      wake_pending_.store(false, std::memory_order_release);
      if (stopping()) break;
    }
    flush();
  }

  bool stopping() {
    std::lock_guard<std::mutex> lock(state_mutex_);
    return stopped_;
  }

  void drain_locked(std::uint64_t limit) {
    registry_.snapshot(rings_);
    cursors_.clear();
    for (const auto& ring : rings_) {
      Cursor cursor{ring.get(), ring->ring.read_begin(), ring->ring.read_end()};
      if (cursor.next_before(limit)) cursors_.push_back(cursor);
    }
    while (!cursors_.empty()) {
      auto next =
          std::min_element(cursors_.begin(), cursors_.end(),
                           [](const Cursor& a, const Cursor& b) { return a.ticks < b.ticks; });
      LogRecordReader(next->ring->ring.at(next->position).bytes).read(view_);
      next->position += view_.header.items;
      deliver_(view_, *next->ring);
      view_.request.reset();
      next->ring->ring.release(next->position);
      if (!next->next_before(limit)) {
        *next = cursors_.back();
        cursors_.pop_back();
      }
    }
    registry_.free_drained_retired();
    pass_end_();
  }

  // The tick unit's now, read before any load that follows it is executed.
  static std::uint64_t ticks_before_later_loads() noexcept {
    const std::uint64_t now = process_ticks();
#if VIGIL_DETAIL_HAS_TSC
    __builtin_ia32_lfence();
#endif
    return now;
  }

  const LogDeliverFn deliver_;
  const LogPassEndFn pass_end_;
  LogRingRegistry registry_;
  std::mutex drain_mutex_;  // one pass at a time
  std::mutex state_mutex_;  // thread_, stopped_
  std::thread thread_;
  bool stopped_ = false;
  std::atomic<bool> wake_pending_{false};
  std::condition_variable wake_;
  // Pass state, under drain_mutex_.
  std::vector<std::shared_ptr<LogThreadRing>> rings_;
  std::vector<Cursor> cursors_;
  LogRecordView view_;
};

}  // namespace detail
VIGIL_NAMESPACE_END
