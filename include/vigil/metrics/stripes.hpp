// vigil/metrics/stripes.hpp — striped cells: the first 16 threads that update metrics each
// own a stripe and add with a plain load+store; later threads share 4 more stripes with
// atomic adds. Readers sum all stripes, so totals are exact under any number of threads.
//
// A thread claims a free owned stripe at its first update and gives it back when it exits;
// the next owner takes over the cell values through the release/acquire on the owner mask.
// Thread-safety: update from any thread, read from any thread (a read is a sum of cells,
// each read atomically, not a snapshot across cells).
// Hot-path cost: a thread-local load and, for an owned stripe, a load+store (no locked
// instruction); for a shared stripe an uncontended atomic add.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstring>

#include "vigil/config.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

constexpr unsigned kOwnedStripes = 16;
constexpr unsigned kSharedStripes = 4;
constexpr unsigned kStripes = kOwnedStripes + kSharedStripes;

struct StripeRef {
  unsigned index;
  bool owned;  // only this thread writes the cells of this stripe
};

inline std::atomic<std::uint32_t> g_owned_stripes{0};  // bit i: stripe i has an owner
inline std::atomic<unsigned> g_next_shared{0};
inline thread_local unsigned t_stripe_plus_one = 0;  // 0: not chosen yet
inline thread_local bool t_stripe_owned = false;

struct StripeReleaser {
  ~StripeReleaser() {
    if (t_stripe_owned) {
      g_owned_stripes.fetch_and(~(std::uint32_t{1} << (t_stripe_plus_one - 1)),
                                std::memory_order_release);
    }
    t_stripe_plus_one = 0;
    t_stripe_owned = false;
  }
};

VIGIL_DETAIL_NOINLINE inline void claim_stripe() {
  std::uint32_t mask = g_owned_stripes.load(std::memory_order_relaxed);
  while (true) {
    unsigned free = 0;
    while (free < kOwnedStripes && (mask & (std::uint32_t{1} << free)) != 0) ++free;
    if (free == kOwnedStripes) break;
    if (g_owned_stripes.compare_exchange_weak(mask, mask | (std::uint32_t{1} << free),
                                              std::memory_order_acquire)) {
      static thread_local StripeReleaser releaser;
      (void)releaser;
      t_stripe_plus_one = free + 1;
      t_stripe_owned = true;
      return;
    }
  }
  t_stripe_plus_one =
      kOwnedStripes + 1 + g_next_shared.fetch_add(1, std::memory_order_relaxed) % kSharedStripes;
  t_stripe_owned = false;
}

inline StripeRef stripe() noexcept {
  if (VIGIL_DETAIL_UNLIKELY(t_stripe_plus_one == 0)) claim_stripe();
  return {t_stripe_plus_one - 1, t_stripe_owned};
}

template <class T>
inline void add_to_cell(std::atomic<T>& cell, T n, bool owned) noexcept {
  if (owned) {
    cell.store(cell.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
  } else {
    cell.fetch_add(n, std::memory_order_relaxed);
  }
}

inline double bits_to_double(std::uint64_t bits) noexcept {
  double value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

inline std::uint64_t double_to_bits(double value) noexcept {
  std::uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}

// A double kept as its bit pattern: owners add with load+store, others compare-exchange.
inline void add_double(std::atomic<std::uint64_t>& cell, double delta, bool owned) noexcept {
  std::uint64_t old_bits = cell.load(std::memory_order_relaxed);
  if (owned) {
    cell.store(double_to_bits(bits_to_double(old_bits) + delta), std::memory_order_relaxed);
    return;
  }
  while (!cell.compare_exchange_weak(old_bits, double_to_bits(bits_to_double(old_bits) + delta),
                                     std::memory_order_relaxed)) {
  }
}

inline double load_double(const std::atomic<std::uint64_t>& cell) noexcept {
  return bits_to_double(cell.load(std::memory_order_relaxed));
}

struct alignas(64) CounterCell {
  std::atomic<std::int64_t> integer{0};
  std::atomic<std::uint64_t> real{0};  // double bits; 0 is +0.0
};

// A striped int64 + double sum.
class StripedSum {
 public:
  void add(std::int64_t n) noexcept {
    const StripeRef s = stripe();
    add_to_cell(cells_[s.index].integer, n, s.owned);
  }
  void add(double v) noexcept {
    const StripeRef s = stripe();
    add_double(cells_[s.index].real, v, s.owned);
  }

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
