// vigil/detail/abi_check.hpp — says once, when the program starts, that it links files built
// with different switches.
//
// The switches are part of the ABI (config.hpp): a file built with VIGIL_TRACING=0 lives in
// vigil::cfg_t0m1l1p1, one with the defaults in vigil::cfg_t1m1l1p1, and each has its own
// collector, registry and sinks. Such files link (nothing names the other's symbols), but
// spans or metrics of one never reach the exporters set up in the other. Every file that
// records or sets up includes this header (through the runtime links); each configuration's
// inline variable registers its tag once, during static initialisation, in a slot shared by
// all configurations, and a second, different tag is reported on stderr (by the runtime's
// reporter: a program without a runtime has nothing to split).
// Cost: one compare-and-swap per configuration at start; nothing on any recording path.
// Files built with VIGIL_ENABLED=0 hold no state and register nothing.
#pragma once

#include "vigil/config.hpp"

#if VIGIL_ENABLED

#include <atomic>

// Outside the ABI-tagged namespace on purpose: every configuration must share these, so
// nothing here may depend on the switches.
namespace vigil::abi_check {

// Prints the mismatch. Defined, weak, by detail/report.hpp (every runtime includes it), so
// that this header stays free of <cstdio>; null in a program without a runtime, which has
// no state to split and nothing to say.
using Reporter = void (*)(const char* first_tag, const char* other_tag);
extern const Reporter g_reporter VIGIL_DETAIL_WEAK;

inline std::atomic<const char*> g_first_tag{nullptr};
inline std::atomic<bool> g_reported{false};

inline bool register_tag(const char* tag) noexcept {
  const char* first = nullptr;
  if (g_first_tag.compare_exchange_strong(first, tag) || __builtin_strcmp(first, tag) == 0) {
    return true;
  }
  const Reporter* reporter = &g_reporter;
  if (reporter != nullptr && !g_reported.exchange(true)) (*reporter)(first, tag);
  return false;
}

}  // namespace vigil::abi_check

#define VIGIL_DETAIL_STRINGIFY2(x) #x
#define VIGIL_DETAIL_STRINGIFY(x) VIGIL_DETAIL_STRINGIFY2(x)

VIGIL_NAMESPACE_BEGIN
namespace detail {
inline const bool g_abi_registered =
    abi_check::register_tag(VIGIL_DETAIL_STRINGIFY(VIGIL_DETAIL_ABI));
}  // namespace detail
VIGIL_NAMESPACE_END

#endif  // VIGIL_ENABLED
