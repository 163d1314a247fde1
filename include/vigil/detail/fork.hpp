// vigil/detail/fork.hpp — fork() safety for the whole process: every piece of toolkit state
// with a lock joins here when it is first created, whichever signal that is.
//
// pthread_atfork handlers (installed once, by the first participant) hold every
// participant's locks across fork(), so the child never inherits one held by a thread that
// does not exist there. Locks are taken in ascending `order` (outer locks first: the
// collector before the state it reads while holding its own) and given back in descending
// order. What each participant keeps or drops in the child is its own business:
//   - the trace collector frees the parent's thread buffers and starts with no exporters;
//   - the resource names the child's process.pid;
//   - the log worker forgets the parent's rings and starts again at the child's first record;
//   - metric values continue from the parent's; log sinks are inherited as they are (an
//     AsyncSink or LokiSink has no thread in the child).
// Thread-safety: join() may be called from any thread; the handlers run in fork().
#pragma once

#include <pthread.h>

#include <atomic>
#include <cstddef>
#include <mutex>

#include "vigil/config.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

struct ForkParticipant {
  int order;            // ascending: taken first at fork, released last
  void (*prepare)();    // take the locks
  void (*in_parent)();  // give them back
  void (*in_child)();   // reset what the child must not keep, then give them back
};

class ForkGuard {
 public:
  static constexpr std::size_t kMaxParticipants = 8;

  static ForkGuard& instance() {
    static auto* guard = new ForkGuard();  // leaked on purpose: fork() may come during exit
    return *guard;
  }

  // Joins `participant` (a static object of the caller's) once.
  void join(const ForkParticipant& participant) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (std::size_t i = 0; i < count_; ++i) {
      if (participants_[i] == &participant) return;
    }
    if (count_ == kMaxParticipants) return;  // the toolkit has six; a ninth is a bug here
    std::size_t at = count_++;
    while (at > 0 && participants_[at - 1]->order > participant.order) {
      participants_[at] = participants_[at - 1];
      --at;
    }
    participants_[at] = &participant;
    if (!installed_) {
      ::pthread_atfork(&prepare_all, &parent_all, &child_all);
      installed_ = true;
    }
  }

 private:
  static void prepare_all() {
    ForkGuard& g = instance();
    g.mutex_.lock();
    for (std::size_t i = 0; i < g.count_; ++i) g.participants_[i]->prepare();
  }
  static void parent_all() {
    ForkGuard& g = instance();
    for (std::size_t i = g.count_; i-- > 0;) g.participants_[i]->in_parent();
    g.mutex_.unlock();
  }
  static void child_all() {
    ForkGuard& g = instance();
    for (std::size_t i = g.count_; i-- > 0;) g.participants_[i]->in_child();
    g.mutex_.unlock();
  }

  std::mutex mutex_;
  const ForkParticipant* participants_[kMaxParticipants] = {};
  std::size_t count_ = 0;
  bool installed_ = false;
};

inline void join_fork_guard(const ForkParticipant& participant) {
  ForkGuard::instance().join(participant);
}

// A process-wide T, created on first use, that joins the fork guard as `participant`. Leaked
// on purpose: threads may still use it while static objects are destroyed.
template <class T>
T& fork_guarded(const ForkParticipant& participant) {
  static T* instance = [&participant] {
    auto* created = new T();
    join_fork_guard(participant);
    return created;
  }();
  return *instance;
}

}  // namespace detail
VIGIL_NAMESPACE_END
