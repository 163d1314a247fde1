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
//   - the log worker forgets the parent's rings, and the child's records are written by their
//     callers until set_log_delivery(background) starts a worker there;
//   - metric values continue from the parent's; log sinks are inherited as they are (an
//     AsyncSink or LokiSink has no thread in the child).
// Thread-safety: join() may be called from any thread, also while another thread forks;
// the handlers run in fork().
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
  static constexpr std::size_t kMaxParticipants = 16;

  static ForkGuard& instance() {
    static auto* guard = new ForkGuard();  // leaked on purpose: fork() may come during exit
    return *guard;
  }

  // Joins `participant` (a static object of the caller's) once. Lock-free, so that a thread
  // holding a participant's lock may join another while a fork() waits for that lock.
  void join(const ForkParticipant& participant) {
    for (auto& slot : participants_) {
      const ForkParticipant* expected = nullptr;
      if (slot.compare_exchange_strong(expected, &participant, std::memory_order_acq_rel) ||
          expected == &participant)
        break;
    }
    // A thread-safe static: a second joiner waits until the handlers are registered, so that
    // no fork can come between its join and the registration.
    static const bool installed = (::pthread_atfork(&prepare_all, &parent_all, &child_all), true);
    (void)installed;
  }

 private:
  // Takes every participant's locks in ascending order. A participant may join while this
  // waits for a lock (its state was created in this process, so the child inherits it): the
  // locks are then given back and taken again with it, until no one joined meanwhile.
  static void prepare_all() {
    ForkGuard& g = instance();
    g.fork_mutex_.lock();  // one fork at a time owns the taken list
    while (true) {
      g.take_joined();
      for (std::size_t i = 0; i < g.taken_count_; ++i) g.taken_[i]->prepare();
      if (!g.joined_after_taken()) return;
      for (std::size_t i = g.taken_count_; i-- > 0;) g.taken_[i]->in_parent();
    }
  }
  static void parent_all() {
    ForkGuard& g = instance();
    for (std::size_t i = g.taken_count_; i-- > 0;) g.taken_[i]->in_parent();
    g.fork_mutex_.unlock();
  }
  static void child_all() {
    ForkGuard& g = instance();
    for (std::size_t i = g.taken_count_; i-- > 0;) g.taken_[i]->in_child();
    g.fork_mutex_.unlock();
  }

  // Slots fill in order: one joined since take_joined() when the next slot is no longer empty.
  bool joined_after_taken() const noexcept {
    return taken_count_ < kMaxParticipants &&
           participants_[taken_count_].load(std::memory_order_acquire) != nullptr;
  }

  // The joined participants, in ascending order, into taken_.
  void take_joined() noexcept {
    taken_count_ = 0;
    for (auto& slot : participants_) {
      const ForkParticipant* participant = slot.load(std::memory_order_acquire);
      if (participant == nullptr) break;
      std::size_t at = taken_count_++;
      while (at > 0 && taken_[at - 1]->order > participant->order) {
        taken_[at] = taken_[at - 1];
        --at;
      }
      taken_[at] = participant;
    }
  }

  std::atomic<const ForkParticipant*> participants_[kMaxParticipants] = {};
  std::mutex fork_mutex_;
  const ForkParticipant* taken_[kMaxParticipants] = {};
  std::size_t taken_count_ = 0;
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
