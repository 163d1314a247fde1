// vigil/detail/batch_queue.hpp — a bounded queue that a worker thread empties in batches,
// for the asynchronous log sinks.
//
// Producers fill an entry in place under a short lock (no I/O, no allocation once the
// entries have grown to their working size: batches are swapped, never freed). A full
// queue drops the new entry and counts it. The worker delivers whatever is queued every
// `interval`, as soon as `wake_at` entries wait, on flush() and on stop().
// Thread-safety: push/flush/stop/counters from any thread; `deliver` runs on the worker.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "vigil/config.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

template <class Entry>
class BatchQueue {
 public:
  // `deliver(entries, n)` consumes entries[0, n).
  using Deliver = std::function<void(std::vector<Entry>&, std::size_t)>;

  BatchQueue(std::size_t capacity, std::size_t wake_at, std::chrono::milliseconds interval,
             Deliver deliver)
      : capacity_(capacity),
        wake_at_(wake_at),
        interval_(interval),
        deliver_(std::move(deliver)),
        worker_([this] { run(); }) {}
  ~BatchQueue() { stop(); }
  BatchQueue(const BatchQueue&) = delete;
  BatchQueue& operator=(const BatchQueue&) = delete;

  /// Fills a free entry with `fill(entry)`; false (and counted) when the queue is full.
  template <class Fill>
  bool push(Fill&& fill) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (count_ >= capacity_ || stopping_) {
      ++dropped_;
      return false;
    }
    if (count_ == pending_.size()) pending_.emplace_back();
    fill(pending_[count_++]);
    ++pushed_;
    if (count_ == wake_at_) wake_.notify_one();
    return true;
  }

  /// Returns once everything pushed before the call was delivered (or the worker stopped).
  void flush() {
    std::unique_lock<std::mutex> lock(mutex_);
    const std::uint64_t target = pushed_;
    flush_wanted_ = true;
    wake_.notify_one();
    done_.wait(lock, [&] { return delivered_ >= target || !running_; });
  }

  /// Delivers what is queued, then ends the worker. Idempotent.
  void stop() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_one();
    if (worker_.joinable()) worker_.join();
  }

  std::uint64_t dropped() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return dropped_;
  }
  std::uint64_t delivered() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return delivered_;
  }

 private:
  void run() {
    std::vector<Entry> batch;
    std::unique_lock<std::mutex> lock(mutex_);
    while (true) {
      wake_.wait_for(lock, interval_,
                     [this] { return stopping_ || flush_wanted_ || count_ >= wake_at_; });
      const std::size_t n = count_;
      const bool last = stopping_;
      flush_wanted_ = false;
      if (n > 0) {
        pending_.swap(batch);
        count_ = 0;
        lock.unlock();
        deliver_(batch, n);
        lock.lock();
        delivered_ += n;
      }
      done_.notify_all();
      if (last && count_ == 0) break;
    }
    running_ = false;
    done_.notify_all();
  }

  const std::size_t capacity_;
  const std::size_t wake_at_;
  const std::chrono::milliseconds interval_;
  Deliver deliver_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  std::vector<Entry> pending_;
  std::size_t count_ = 0;
  std::uint64_t pushed_ = 0;
  std::uint64_t delivered_ = 0;
  std::uint64_t dropped_ = 0;
  bool flush_wanted_ = false;
  bool stopping_ = false;
  bool running_ = true;
  std::thread worker_;  // last: starts once every other member is ready
};

}  // namespace detail
VIGIL_NAMESPACE_END
