// vigil/log/worker.hpp — the log worker: the background thread that drains every thread's
// ring (log/thread_ring.hpp) and hands each record to the sinks, so that callers only copy.
//
// A pass takes, from every ring, what was published when it began, and delivers it merged by
// the tick each call was made at: one thread's records keep their order, and records of
// different threads come out in the order they were made. The worker passes every
// kDrainInterval, and at once when a WARN or higher record or a console decoration arrives,
// so that an interactive program's console keeps up with it. flush() runs a pass on the
// calling thread (waiting for the worker's pass if one is running). The worker starts with
// the first ring and stops at exit, after which records are delivered by their callers.
// Thread-safety: every member may be called from any thread; passes are serialised.
#pragma once

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
  void flush() {
    std::lock_guard<std::mutex> lock(drain_mutex_);
    drain_locked();
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
  struct Cursor {
    LogThreadRing* ring;
    std::uint64_t position;
    std::uint64_t end;
  };

  void run() {
    std::mutex sleep_mutex;
    while (true) {
      flush();
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

  void drain_locked() {
    registry_.snapshot(rings_);
    cursors_.clear();
    for (const auto& ring : rings_) {
      const std::uint64_t begin = ring->ring.read_begin(), end = ring->ring.read_end();
      if (begin != end) cursors_.push_back(Cursor{ring.get(), begin, end});
    }
    while (Cursor* next = earliest()) {
      unsigned char* at = next->ring->ring.at(next->position).bytes;
      LogRecordReader(at).read(view_);
      next->position += view_.header.items;
      deliver_(view_, *next->ring);
      view_.request.reset();
      next->ring->ring.release(next->position);
    }
    registry_.free_drained_retired();
    pass_end_();
  }

  // The cursor whose next record was made first; padding is skipped on the way.
  Cursor* earliest() noexcept {
    Cursor* best = nullptr;
    std::uint64_t best_ticks = 0;
    for (std::size_t i = 0; i < cursors_.size();) {
      Cursor& c = cursors_[i];
      LogRingHeader header;
      while (c.position != c.end) {
        std::memcpy(&header, c.ring->ring.at(c.position).bytes, sizeof header);
        if ((header.flags & kLogPadding) == 0) break;
        c.position += header.items;
        c.ring->ring.release(c.position);
      }
      if (c.position == c.end) {
        cursors_[i] = cursors_.back();
        cursors_.pop_back();
        best = nullptr;  // the vector moved: look again from the start
        i = 0;
        continue;
      }
      if (best == nullptr || header.ticks < best_ticks) {
        best = &c;
        best_ticks = header.ticks;
      }
      ++i;
    }
    return best;
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
