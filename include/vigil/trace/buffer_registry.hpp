// vigil/trace/buffer_registry.hpp — every recording thread's buffer, for the collector.
//
// A thread's first span registers a RegisteredBuffer here (one mutex, once per thread). The
// buffer outlives the thread: at thread exit it is marked retired and the collector frees it
// after draining, so spans of exited threads are not lost.
// Thread-safety: the registry has its own mutex; a buffer's name has another.
#pragma once

#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "vigil/config.hpp"
#include "vigil/trace/thread_buffer.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

// The defaults of vigil::TraceOptions, written once.
constexpr std::size_t kDefaultBufferItems = 16384;
constexpr std::chrono::milliseconds kDefaultFlushInterval{50};

inline std::atomic<std::size_t> g_buffer_items{kDefaultBufferItems};

// A thread's buffer as the collector sees it: the hot part and who wrote it.
struct RegisteredBuffer : ThreadBuffer {
  explicit RegisteredBuffer(std::size_t items)
      : ThreadBuffer(items), os_thread_id(static_cast<std::uint64_t>(::syscall(SYS_gettid))) {
    char name_buf[32] = {};
    if (pthread_getname_np(pthread_self(), name_buf, sizeof name_buf) == 0) name = name_buf;
  }

  std::uint64_t os_thread_id;
  std::mutex name_mutex;
  std::string name;
};

class BufferRegistry {
 public:
  RegisteredBuffer* add() {
    auto buffer =
        std::make_unique<RegisteredBuffer>(g_buffer_items.load(std::memory_order_relaxed));
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
  std::vector<std::unique_ptr<RegisteredBuffer>> buffers_;
};

inline BufferRegistry& buffer_registry() {
  static auto* instance = new BufferRegistry();  // leaked on purpose: threads may outlive statics
  return *instance;
}

}  // namespace detail
VIGIL_NAMESPACE_END
