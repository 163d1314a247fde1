// vigil/detail/clock.hpp — span timestamps: raw ticks on the hot path, nanoseconds later.
//
// process_ticks() reads the TSC when it is trustworthy (CPUID invariant-TSC bit, or the kernel
// chose it as its clocksource) and steady_clock nanoseconds otherwise; it never exits or throws.
// VIGIL_CLOCK=tsc|steady overrides the choice. Conversion to nanoseconds happens off the hot
// path (TickConverter, used by the collector), calibrated once against steady_clock over a
// 10 ms baseline and then frozen, so that spans converted in different batches stay
// consistently nested.
// Thread-safety: process_ticks() from any thread; TickConverter is used under the collector lock.
// Hot-path cost: one rdtsc (~10 ns on these VMs) plus one predictable branch.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>

#include "vigil/config.hpp"
#include "vigil/detail/report.hpp"
#include "vigil/detail/tsc.hpp"
#if VIGIL_DETAIL_HAS_TSC
#include <cpuid.h>
#endif

VIGIL_NAMESPACE_BEGIN
namespace detail {

inline std::int64_t system_ns() noexcept {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

inline bool cpu_has_invariant_tsc() noexcept {
#if VIGIL_DETAIL_HAS_TSC
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (__get_cpuid(0x80000000u, &eax, &ebx, &ecx, &edx) == 0 || eax < 0x80000007u) return false;
  __get_cpuid(0x80000007u, &eax, &ebx, &ecx, &edx);
  return (edx & (1u << 8)) != 0;
#else
  return false;
#endif
}

inline bool kernel_uses_tsc() {
  std::ifstream in("/sys/devices/system/clocksource/clocksource0/current_clocksource");
  std::string source;
  return static_cast<bool>(in >> source) && source == "tsc";
}

// Decided once per process; both answers are valid, only their costs differ.
inline bool choose_tsc() {
  if (!VIGIL_DETAIL_HAS_TSC) return false;
  if (const char* forced = std::getenv("VIGIL_CLOCK")) {
    if (std::strcmp(forced, "steady") == 0) return false;
    if (std::strcmp(forced, "tsc") == 0) return true;
    report_once("VIGIL_CLOCK", std::string("VIGIL_CLOCK='") + forced +
                                   "' is not 'tsc' or 'steady'; choosing automatically");
  }
  return cpu_has_invariant_tsc() || kernel_uses_tsc();
}

inline bool tsc_in_use() {
  static const bool use = choose_tsc();
  return use;
}

// A timestamp in the process's unit, for code that keeps no thread state of its own.
inline std::uint64_t process_ticks() noexcept {
  static const bool use_tsc = tsc_in_use();
  return ticks(use_tsc);
}

// Maps ticks to unix-epoch nanoseconds. The anchor is taken at construction; the tick rate
// is measured by the first refresh() (waiting for the baseline if needed), then fixed.
class TickConverter {
 public:
  TickConverter()
      : tick0_(process_ticks()), steady0_(steady_ns()), system0_(system_ns()), tsc_(tsc_in_use()) {}

  void refresh() {
    if (!tsc_ || calibrated_) return;
    std::uint64_t tick = process_ticks();
    std::int64_t steady = steady_ns();
    // A shorter baseline gives a coarser rate; wait for it once.
    if (steady - steady0_ < kMinBaselineNs) {
      std::this_thread::sleep_for(std::chrono::nanoseconds(kMinBaselineNs - (steady - steady0_)));
      tick = process_ticks();
      steady = steady_ns();
    }
    if (tick > tick0_) ns_per_tick_ = static_cast<double>(steady - steady0_) / (tick - tick0_);
    calibrated_ = true;
  }

  std::int64_t to_unix_ns(std::uint64_t tick) const {
    if (!tsc_) return system0_ + (static_cast<std::int64_t>(tick) - steady0_);
    const double delta = static_cast<double>(static_cast<std::int64_t>(tick - tick0_));
    return system0_ + static_cast<std::int64_t>(delta * ns_per_tick_);
  }

  std::int64_t duration_ns(std::uint64_t start, std::uint64_t end) const {
    if (!tsc_) return static_cast<std::int64_t>(end - start);
    return static_cast<std::int64_t>(static_cast<double>(end - start) * ns_per_tick_);
  }

 private:
  static constexpr std::int64_t kMinBaselineNs = 10'000'000;
  std::uint64_t tick0_;
  std::int64_t steady0_;
  std::int64_t system0_;
  bool tsc_;
  bool calibrated_ = false;
  double ns_per_tick_ = 1.0;
};

// The process's one converter, so that spans and log records made at the same tick get the
// same unix time. anchor_process_clock() fixes its anchor early (on a first span or record);
// process_clock() calibrates it at first use, which may wait up to 10 ms once.
inline TickConverter& anchor_process_clock() {
  static auto* clock = new TickConverter();  // leaked on purpose: threads decode during exit
  return *clock;
}

inline const TickConverter& process_clock() {
  static TickConverter& clock = []() -> TickConverter& {
    TickConverter& anchored = anchor_process_clock();
    anchored.refresh();
    return anchored;
  }();
  return clock;
}

}  // namespace detail
VIGIL_NAMESPACE_END
