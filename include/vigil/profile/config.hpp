// vigil/profile/config.hpp — when and where profile sections write, read from the seeds'
// environment variables unless configure_profiling() says otherwise:
//   ENABLE_PROFILING         master switch (default off)
//   PROFILE_CPU              CPU profile of each section (default on)
//   PROFILE_MEMORY           heap profile of each section (default off; needs tcmalloc)
//   PROFILE_OUTPUT_DIR       where profiles go (default "profiles/out")
//   PROFILE_MIN_DURATION_MS  sections shorter than this leave no files (default 100)
// A malformed value is reported once and its default used.
// Thread-safety: all functions may be called from any thread.
#pragma once

#include <cerrno>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "vigil/config.hpp"
#include "vigil/detail/report.hpp"

VIGIL_NAMESPACE_BEGIN

struct ProfileConfig {
  bool enabled = false;
  bool cpu = true;
  bool memory = false;
  std::string output_dir = "profiles/out";
  double min_duration_ms = 100;

  /// The configuration the environment asks for.
  static ProfileConfig from_env();
};

namespace detail {

inline std::optional<bool> parse_switch(std::string_view text) {
  for (std::string_view yes : {"1", "true", "yes", "on", "TRUE", "True", "YES", "ON"}) {
    if (text == yes) return true;
  }
  for (std::string_view no : {"0", "false", "no", "off", "FALSE", "False", "NO", "OFF", ""}) {
    if (text == no) return false;
  }
  return std::nullopt;
}

inline void env_switch(const char* name, bool& value) {
  const char* text = std::getenv(name);
  if (text == nullptr) return;
  if (const auto parsed = parse_switch(text)) {
    value = *parsed;
  } else {
    report_once(std::string("env:") + name,
                std::string(name) + "='" + text +
                    "' is not a switch (1/0, true/false, on/off); using " + (value ? "on" : "off"));
  }
}

struct ProfileConfigState {
  std::mutex mutex;
  std::optional<ProfileConfig> config;
};

inline ProfileConfigState& profile_config_state() {
  static ProfileConfigState state;
  return state;
}

}  // namespace detail

inline ProfileConfig ProfileConfig::from_env() {
  ProfileConfig config;
  detail::env_switch("ENABLE_PROFILING", config.enabled);
  detail::env_switch("PROFILE_CPU", config.cpu);
  detail::env_switch("PROFILE_MEMORY", config.memory);
  if (const char* dir = std::getenv("PROFILE_OUTPUT_DIR"); dir != nullptr && *dir != '\0') {
    config.output_dir = dir;
  }
  if (const char* text = std::getenv("PROFILE_MIN_DURATION_MS")) {
    char* end = nullptr;
    errno = 0;
    const double ms = std::strtod(text, &end);
    if (end != text && *end == '\0' && errno == 0 && ms >= 0) {
      config.min_duration_ms = ms;
    } else {
      detail::report_once("env:PROFILE_MIN_DURATION_MS",
                          std::string("PROFILE_MIN_DURATION_MS='") + text +
                              "' is not a non-negative number of milliseconds; using 100");
    }
  }
  return config;
}

/// Replaces the configuration (tests, or programs that configure in code).
inline void configure_profiling(ProfileConfig config) {
  auto& state = detail::profile_config_state();
  std::lock_guard<std::mutex> lock(state.mutex);
  state.config = std::move(config);
}

/// The configuration in force: configure_profiling's, else the environment's at first use.
inline ProfileConfig profile_config() {
  auto& state = detail::profile_config_state();
  std::lock_guard<std::mutex> lock(state.mutex);
  if (!state.config) state.config = ProfileConfig::from_env();
  return *state.config;
}

VIGIL_NAMESPACE_END
