// vigil/log/thread_ring.hpp — each logging thread's ring of records (log/ring_record.hpp),
// the registry the log worker drains them through, and the caller's push.
//
// A thread gets its ring at its first record in background delivery; the ring outlives the
// thread until the worker has drained it. A record is contiguous in the ring: where it would
// run past the ring's end, a padding record fills the rest and the record starts at the
// beginning. A full ring refuses the record: the caller drops and counts it, never waits.
// Thread-safety: a ring has one producer (its thread) and one consumer (whoever holds the
// worker's drain lock); the registry is guarded by its own mutex.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "vigil/config.hpp"
#include "vigil/detail/ring.hpp"
#include "vigil/log/ring_record.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

// 512 KiB a logging thread: some 4,000 records of two fields between two drains.
inline constexpr std::size_t kLogRingItems = 8192;

struct LogThreadRing {
  LogThreadRing(std::size_t items, std::uint64_t tid, bool tsc)
      : ring(items), thread_id(tid), use_tsc(tsc) {}
  Ring ring;
  const std::uint64_t thread_id;
  const bool use_tsc;  // the process's tick unit (detail/clock.hpp), kept here for the caller
  std::atomic<bool> retired{false};  // its thread exited: freed once drained
};

// The thread's handle on its ring: marks it retired when the thread exits.
class LogRingOwner {
 public:
  LogRingOwner() = default;
  LogRingOwner(const LogRingOwner&) = delete;
  LogRingOwner& operator=(const LogRingOwner&) = delete;
  ~LogRingOwner() { retire(); }

  LogThreadRing* get() const noexcept { return ring_.get(); }
  void reset(std::shared_ptr<LogThreadRing> ring) noexcept {
    retire();
    ring_ = std::move(ring);
  }

 private:
  void retire() noexcept {
    if (ring_ != nullptr) ring_->retired.store(true, std::memory_order_release);
  }
  std::shared_ptr<LogThreadRing> ring_;
};

class LogRingRegistry {
 public:
  void add(std::shared_ptr<LogThreadRing> ring) {
    std::lock_guard<std::mutex> lock(mutex_);
    rings_.push_back(std::move(ring));
  }

  // The rings to drain now; `out` is reused between passes so that draining allocates once.
  void snapshot(std::vector<std::shared_ptr<LogThreadRing>>& out) {
    out.clear();
    std::lock_guard<std::mutex> lock(mutex_);
    out.insert(out.end(), rings_.begin(), rings_.end());
  }

  // After a drain: rings whose threads exited and which hold nothing more.
  void free_drained_retired() {
    std::lock_guard<std::mutex> lock(mutex_);
    for (std::size_t i = 0; i < rings_.size();) {
      Ring& ring = rings_[i]->ring;
      if (rings_[i]->retired.load(std::memory_order_acquire) &&
          ring.read_begin() == ring.read_end()) {
        rings_[i] = std::move(rings_.back());
        rings_.pop_back();
      } else {
        ++i;
      }
    }
  }

  // fork(): held across it, so the child's copy is never caught mid-change.
  void lock_for_fork() { mutex_.lock(); }
  void unlock_after_fork() { mutex_.unlock(); }
  // In the child: every ring is the parent's, whose worker delivers it.
  void clear_in_child() { rings_.clear(); }

 private:
  std::mutex mutex_;
  std::vector<std::shared_ptr<LogThreadRing>> rings_;
};

// The caller's side: false when the ring is full (nothing was written). `stamp()` gives the
// record's tick.
template <class Stamp>
inline bool push_log_record(LogThreadRing& owner, const ComponentState& component, Level level,
                            Decoration decoration, Stamp stamp, const LogCallContext& context,
                            std::string_view message, const LogArg* args,
                            std::size_t count) noexcept {
  Ring& ring = owner.ring;
  std::uint64_t head = ring.try_reserve(kMaxLogRecordItems);
  if (head == Ring::kFull) return false;
  const std::size_t offset = static_cast<std::size_t>(head & (ring.capacity() - 1));
  std::size_t padding = 0;
  if (offset + kMaxLogRecordItems > ring.capacity()) {
    padding = ring.capacity() - offset;
    if (ring.try_reserve(padding + kMaxLogRecordItems) == Ring::kFull) return false;
    LogRingHeader pad{};
    pad.items = static_cast<std::uint16_t>(padding);
    pad.flags = kLogPadding;
    std::memcpy(ring.at(head).bytes, &pad, sizeof pad);
  }
  LogRecordWriter writer(ring.at(head + padding).bytes, kMaxLogRecordItems * sizeof(Item));
  const std::size_t used =
      writer.write(component, level, decoration, stamp, context, message, args, count);
  ring.publish(head, padding + (used + sizeof(Item) - 1) / sizeof(Item));
  return true;
}

}  // namespace detail
VIGIL_NAMESPACE_END
