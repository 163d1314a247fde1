// vigil/detail/fork.hpp — what a fork()ed child keeps of the toolkit, and what it drops.
//
// pthread_atfork handlers (installed with the collector, see collector.hpp) hold every
// toolkit lock across fork(), so the child never inherits one held by a thread that does
// not exist there. In the child:
//   - every thread buffer is freed: what they hold is the parent's, and the parent exports it;
//   - the forking thread takes a fresh buffer and span-id range with its next span; ranges
//     of a child come from a region of its own (below), so its ids never repeat the
//     parent's, and spans it starts under the caller's open span join the caller's trace;
//   - process.pid names the child.
// The collector then starts the child with no exporters (theirs are the parent's threads
// and files): a child adds its own. Metric values continue from the parent's. Log sinks
// are inherited as they are; an AsyncSink or LokiSink has no thread in the child.
// Thread-safety: called only by the atfork handlers.
#pragma once

#include <unistd.h>

#include <cstdint>

#include "vigil/config.hpp"
#include "vigil/detail/report.hpp"
#include "vigil/detail/thread_state.hpp"
#include "vigil/metrics/registry.hpp"
#include "vigil/trace/ids.hpp"
#include "vigil/trace/resource.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

// The first process allocates id-range slots upwards from 1 and never reaches 2^26 in
// practice; a child takes 16 slots at 2^26 + 16 * pid (pid_max is at most 2^22), so a
// parent and its children, and children of one parent, draw disjoint span ids.
constexpr std::uint64_t kChildSlotBase = std::uint64_t{1} << 26;
constexpr std::uint64_t kSlotsPerChild = 16;
static_assert(kChildSlotBase + kSlotsPerChild * (std::uint64_t{1} << 22) - 1 <= kMaxSlot);

inline void lock_process_state_for_fork() {
  registry().lock_for_fork();
  resource_state().mutex.lock();
  registry_instance().lock_for_fork();
  report_state().mutex.lock();
}

inline void unlock_process_state_after_fork() {
  report_state().mutex.unlock();
  registry_instance().unlock_after_fork();
  resource_state().mutex.unlock();
  registry().unlock_after_fork();
}

// In the child, with the locks still held. Returns the slot of the forking thread's spans
// (0 when it had none): those still open end here, but belong to the parent.
inline std::uint64_t reset_process_state_in_child() {
  const std::uint64_t inherited_slot = t_state.next_id >> kSlotShift;
  registry().clear_in_child();
  t_state.buffer = nullptr;
  t_state.next_id = t_state.id_limit = 0;
  const auto pid = static_cast<std::uint64_t>(::getpid());
  g_next_slot.store(kChildSlotBase + kSlotsPerChild * (pid % (std::uint64_t{1} << 22)),
                    std::memory_order_relaxed);
  return inherited_slot;
}

inline void name_child_process() {
  set_global_attribute("process.pid", static_cast<std::int64_t>(::getpid()));
}

}  // namespace detail
VIGIL_NAMESPACE_END
