// vigil/detail/ring.hpp — bounded single-producer/single-consumer ring of 64-byte items.
//
// The owning thread produces, the collector consumes. A record of n items is reserved,
// written and published with one release store, so the consumer sees whole records only.
// When the ring is full the record is refused (the caller drops and counts it): the producer
// never waits and never allocates.
// Thread-safety: exactly one producer thread and one consumer at a time.
// Hot-path cost: reserve = one compare against a cached tail, publish = one plain store.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "vigil/config.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

struct alignas(64) Item {
  unsigned char bytes[64];
};
static_assert(sizeof(Item) == 64, "ring items are one cache line");

// PREFETCHW fetches a line ready to be written (no later shared->exclusive upgrade).
// Compilers emit it only with -mprfchw; CPUs without it treat the opcode as a no-op hint.
inline void prefetch_for_write(const void* address) noexcept {
#if defined(__x86_64__) || defined(__i386__)
  __asm__ volatile("prefetchw %0" : : "m"(*static_cast<const char*>(address)));
#else
  __builtin_prefetch(address, 1, 3);
#endif
}

class Ring {
 public:
  // capacity is rounded up to a power of two.
  // Zeroed here, on the thread's first span, so that recording never takes a page fault.
  explicit Ring(std::size_t capacity)
      : items_(new Item[round_up(capacity)]()), mask_(round_up(capacity) - 1) {}
  ~Ring() { delete[] items_; }
  Ring(const Ring&) = delete;
  Ring& operator=(const Ring&) = delete;

  std::size_t capacity() const noexcept { return mask_ + 1; }

  // Producer: room for n items? Returns the write position, or UINT64_MAX when full.
  std::uint64_t try_reserve(std::size_t n) noexcept {
    const std::uint64_t head = head_.load(std::memory_order_relaxed);
    if (VIGIL_DETAIL_UNLIKELY(head + n - cached_tail_ > capacity())) {
      cached_tail_ = tail_.load(std::memory_order_acquire);
      if (head + n - cached_tail_ > capacity()) return kFull;
    }
    // Every record lands on fresh cache lines; fetching one further ahead now lets its
    // read-for-ownership miss overlap with the caller's work instead of stalling a store.
    prefetch_for_write(&items_[(head + n + kPrefetchAhead) & mask_]);
    return head;
  }

  Item& at(std::uint64_t position) noexcept { return items_[position & mask_]; }

  // Producer: make n items starting at the reserved position visible to the consumer.
  void publish(std::uint64_t position, std::size_t n) noexcept {
    head_.store(position + n, std::memory_order_release);
  }

  // Consumer: the range [begin, end) that may be read now.
  std::uint64_t read_begin() const noexcept { return tail_.load(std::memory_order_relaxed); }
  std::uint64_t read_end() const noexcept { return head_.load(std::memory_order_acquire); }
  // Consumer: items before `position` are done and may be overwritten.
  void release(std::uint64_t position) noexcept {
    tail_.store(position, std::memory_order_release);
  }

  static constexpr std::uint64_t kFull = ~std::uint64_t{0};
  static constexpr std::uint64_t kPrefetchAhead = 8;

 private:
  static std::size_t round_up(std::size_t n) {
    std::size_t p = 64;
    while (p < n) p <<= 1;
    return p;
  }

  Item* items_;  // plain new[]: <memory> would cost every instrumented file 25,000 lines
  std::size_t mask_;
  alignas(64) std::atomic<std::uint64_t> head_{0};
  std::uint64_t cached_tail_ = 0;
  alignas(64) std::atomic<std::uint64_t> tail_{0};
};

}  // namespace detail
VIGIL_NAMESPACE_END
