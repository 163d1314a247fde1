// vigil/metrics/stripes.hpp — striped cells: each thread adds to one of kStripes cache-line
// cells, so threads rarely share a line; readers sum the cells.
//
// A thread's stripe is chosen round-robin at its first metric update and kept. Integer
// cells use relaxed fetch_add; double cells a compare-exchange loop on the bit pattern
// (uncontended: one attempt). Totals are exact under any number of threads.
// Thread-safety: add from any thread, read from any thread (a read is a consistent sum of
// each cell, not a snapshot across cells).
// Hot-path cost: one thread-local load plus one uncontended atomic add.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstring>

#include "vigil/config.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

constexpr unsigned kStripes = 16;

inline std::atomic<unsigned> g_next_stripe{0};
inline thread_local unsigned t_stripe_plus_one = 0;  // 0: not chosen yet

inline unsigned stripe() noexcept {
  unsigned s = t_stripe_plus_one;
  if (VIGIL_DETAIL_UNLIKELY(s == 0)) {
    s = 1 + g_next_stripe.fetch_add(1, std::memory_order_relaxed) % kStripes;
    t_stripe_plus_one = s;
  }
  return s - 1;
}

inline void add_double(std::atomic<std::uint64_t>& cell, double delta) noexcept {
  std::uint64_t old_bits = cell.load(std::memory_order_relaxed);
  while (true) {
    double value;
    std::memcpy(&value, &old_bits, sizeof value);
    value += delta;
    std::uint64_t new_bits;
    std::memcpy(&new_bits, &value, sizeof value);
    if (cell.compare_exchange_weak(old_bits, new_bits, std::memory_order_relaxed)) return;
  }
}

inline double load_double(const std::atomic<std::uint64_t>& cell) noexcept {
  const std::uint64_t bits = cell.load(std::memory_order_relaxed);
  double value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

struct alignas(64) CounterCell {
  std::atomic<std::int64_t> integer{0};
  std::atomic<std::uint64_t> real{0};  // double bits; 0 is +0.0
};

// A striped int64 + double sum.
class StripedSum {
 public:
  void add(std::int64_t n) noexcept {
    cells_[stripe()].integer.fetch_add(n, std::memory_order_relaxed);
  }
  void add(double v) noexcept { add_double(cells_[stripe()].real, v); }

  std::int64_t integer() const noexcept {
    std::int64_t total = 0;
    for (const auto& cell : cells_) total += cell.integer.load(std::memory_order_relaxed);
    return total;
  }
  double real() const noexcept {
    double total = 0;
    for (const auto& cell : cells_) total += load_double(cell.real);
    return total;
  }
  double value() const noexcept { return static_cast<double>(integer()) + real(); }

 private:
  CounterCell cells_[kStripes];
};

}  // namespace detail
VIGIL_NAMESPACE_END
