// vigil/detail/report.hpp — the toolkit's own problems (bad input, malformed environment,
// exporter I/O errors), each told once per key, never per call.
//
// Messages go to stderr prefixed "vigil: ", or to a handler installed with
// set_report_handler (tests use it to assert a message appears exactly once).
// Thread-safety: all functions may be called from any thread. Not for hot paths.
#pragma once

#include <cstdio>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <system_error>
#include <utility>

#include "vigil/config.hpp"
#include "vigil/detail/abi_check.hpp"
#include "vigil/detail/fork.hpp"

#if VIGIL_ENABLED
namespace vigil::abi_check {
inline void report_mismatch(const char* first_tag, const char* other_tag) {
  std::fprintf(stderr,
               "vigil: this program links files built with different switches (vigil::%s and "
               "vigil::%s; t tracing, m metrics, l logging, p profiling, 1 on, 0 off): each "
               "keeps its own spans, metrics and logs, and one's never reach exporters set up "
               "in the other. Build every file with the same VIGIL_* switches.\n",
               first_tag, other_tag);
}
// One weak definition per file that includes a runtime; the linker keeps one.
VIGIL_DETAIL_WEAK extern const Reporter g_reporter = &report_mismatch;
}  // namespace vigil::abi_check
#endif

VIGIL_NAMESPACE_BEGIN
namespace detail {

// Keys often carry the offending input, so a program fed endless distinct bad values
// would grow `told` without end: past this many, one last message says so and the rest are
// not told (never repeated).
constexpr std::size_t kMaxToldKeys = 4096;

struct ReportState {
  std::mutex mutex;
  std::set<std::string> told;
  bool told_full = false;
  std::function<void(const std::string&)> handler;
};

inline ReportState& report_state();

inline constexpr ForkParticipant kReportForkParticipant{90, [] { report_state().mutex.lock(); },
                                                        [] { report_state().mutex.unlock(); },
                                                        [] { report_state().mutex.unlock(); }};

inline ReportState& report_state() {
  return fork_guarded<ReportState>(kReportForkParticipant);
}

inline void report(const std::string& message) {
  auto& state = report_state();
  std::lock_guard<std::mutex> lock(state.mutex);
  if (state.handler) {
    state.handler(message);
  } else {
    std::fprintf(stderr, "vigil: %s\n", message.c_str());
  }
}

// What errno `error` means, thread-safely (std::strerror is not).
inline std::string system_error_text(int error) {
  return std::system_category().message(error);
}

// Tells `message` the first time `key` is seen; later calls with that key are silent.
inline void report_once(const std::string& key, const std::string& message) {
  auto& state = report_state();
  bool last = false;
  {
    std::lock_guard<std::mutex> lock(state.mutex);
    if (state.told_full || state.told.count(key) != 0) return;
    last = state.told.size() >= kMaxToldKeys;
    if (last) {
      state.told_full = true;
    } else {
      state.told.insert(key);
    }
  }
  report(last ? message + " (" + std::to_string(kMaxToldKeys) +
                    " distinct problems were told; further new ones are not)"
              : message);
}

}  // namespace detail

/// Routes the toolkit's own messages to `handler` (nullptr restores stderr). Also forgets
/// which keys were already told, so a test can observe a fresh "once".
inline void set_report_handler(std::function<void(const std::string&)> handler) {
  auto& state = detail::report_state();
  std::lock_guard<std::mutex> lock(state.mutex);
  state.handler = std::move(handler);
  state.told.clear();
  state.told_full = false;
}

VIGIL_NAMESPACE_END
