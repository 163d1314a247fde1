// vigil/profile/gperftools.hpp — CPU and heap profiles of a scope with gperftools. Built
// with VIGIL_PROFILING=ON; a program profiles once it links gperftools (-Wl,--no-as-needed
// -lprofiler -ltcmalloc): without them its sections only tell, once, what is missing.
//
//   VIGIL_PROFILE_SECTION("fit.gmm");   // profiles the rest of the block
//
// Switched by ENABLE_PROFILING, PROFILE_CPU, PROFILE_MEMORY, PROFILE_OUTPUT_DIR and
// PROFILE_MIN_DURATION_MS (profile/config.hpp). A section that ran at least the minimum
// leaves <section>_<UTC time>_<trace_id>.prof (CPU, for google-pprof), .heap (the heap in
// use at its end) and .json (labels: service_name, equipment, equip_id, run_id, trace_id,
// span_id, duration_ms; run-context keys lose their namespace, acm.run_id -> run_id). A
// shorter one leaves nothing.
//
// gperftools has one CPU profiler and one heap profiler per process, each sampling every
// thread. So the first section to start takes a profiler until it ends; a section nested
// in it, or running meanwhile on another thread, gets none (counted as `overlapped`) and
// its samples land in the outer section's profile.
// Thread-safety: sections may start and end on any threads; each ends on the thread that
// started it. Cost when ENABLE_PROFILING is off: one mutex-guarded config copy per section.
#pragma once

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "vigil/common/context.hpp"
#include "vigil/common/resource.hpp"
#include "vigil/common/semconv.hpp"
#include "vigil/config.hpp"
#include "vigil/detail/json.hpp"
#include "vigil/detail/macro_support.hpp"
#include "vigil/profile/config.hpp"

#if VIGIL_DETAIL_PROFILING_ON
// gperftools' C entry points, declared weak: a program that does not link libprofiler or
// tcmalloc still builds, and its sections tell once what to link instead of profiling.
extern "C" {
int ProfilerStart(const char* fname) __attribute__((weak));
void ProfilerStop() __attribute__((weak));
int ProfilingIsEnabledForAllThreads() __attribute__((weak));
void HeapProfilerStart(const char* prefix) __attribute__((weak));
void HeapProfilerStop() __attribute__((weak));
void HeapProfilerDump(const char* reason) __attribute__((weak));
int IsHeapProfilerRunning() __attribute__((weak));
}
#endif

VIGIL_NAMESPACE_BEGIN

struct ProfileStats {
  std::uint64_t kept = 0;           // sections that left profiles
  std::uint64_t dropped_short = 0;  // shorter than PROFILE_MIN_DURATION_MS: files removed
  std::uint64_t overlapped = 0;     // a profiler they wanted was held by another section
  std::uint64_t errors = 0;         // a profiler or file could not be started or written
};

#if VIGIL_DETAIL_PROFILING_ON
namespace detail {

struct ProfilerState {
  std::atomic<bool> cpu_busy{false};
  std::atomic<bool> heap_busy{false};
  std::atomic<std::uint64_t> kept{0}, dropped_short{0}, overlapped{0}, errors{0};
};

inline ProfilerState& profiler_state() {
  static ProfilerState state;
  return state;
}

inline std::string file_safe(std::string_view name) {
  std::string out;
  for (char c : name) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '-' || c == '_';
    out += safe ? c : '_';
  }
  return out.empty() ? "section" : out;
}

inline std::string utc_stamp(std::chrono::system_clock::time_point when) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
  return text;
}

inline bool make_directories(const std::string& path) {
  for (std::size_t slash = path.find('/', 1);; slash = path.find('/', slash + 1)) {
    const std::string prefix = path.substr(0, slash);
    if (::mkdir(prefix.c_str(), 0755) != 0 && errno != EEXIST) return false;
    if (slash == std::string::npos) return true;
  }
}

inline void profile_error(const std::string& key, const std::string& message) {
  profiler_state().errors.fetch_add(1, std::memory_order_relaxed);
  report_once("profile:" + key, "profiling: " + message);
}

// The heap profiler's dumps of `prefix` (prefix.0001.heap, ...), oldest first.
inline std::vector<std::string> heap_dumps(const std::string& prefix) {
  const std::size_t slash = prefix.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : prefix.substr(0, slash);
  const std::string base = prefix.substr(slash == std::string::npos ? 0 : slash + 1) + ".";
  std::vector<std::string> out;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (const dirent* entry = ::readdir(d)) {
      const std::string name = entry->d_name;
      if (name.rfind(base, 0) == 0 && name.size() > 5 && name.substr(name.size() - 5) == ".heap")
        out.push_back(dir + "/" + name);
    }
    ::closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

inline void put_label(LineBuffer& out, std::string_view key, std::string_view value, bool& first) {
  if (!first) out.put(',');
  first = false;
  put_json_string(out, key);
  out.put(':');
  put_json_string(out, value);
}

}  // namespace detail

inline ProfileStats profile_stats() {
  const auto& s = detail::profiler_state();
  return {s.kept.load(), s.dropped_short.load(), s.overlapped.load(), s.errors.load()};
}

class ProfileSection {
 public:
  explicit ProfileSection(std::string_view name) {
    const ProfileConfig config = profile_config();
    if (!config.enabled || (!config.cpu && !config.memory)) return;
    min_duration_ms_ = config.min_duration_ms;
    name_ = std::string(name);
    context_ = current_context();
    started_wall_ = std::chrono::system_clock::now();
    started_ = std::chrono::steady_clock::now();
    if (!detail::make_directories(config.output_dir)) {
      detail::profile_error("dir:" + config.output_dir,
                            "cannot create PROFILE_OUTPUT_DIR " + config.output_dir);
      return;
    }
    stem_ = config.output_dir + "/" + detail::file_safe(name) + "_" +
            detail::utc_stamp(started_wall_) + "_" +
            (context_.valid() ? context_.trace_id.hex() : std::string("notrace"));
    auto& state = detail::profiler_state();
    if (config.cpu) cpu_ = claim(state.cpu_busy) && start_cpu();
    if (config.memory) heap_ = claim(state.heap_busy) && start_heap();
  }

  ~ProfileSection() {
    if (!cpu_ && !heap_) return;
    const std::chrono::duration<double, std::milli> elapsed =
        std::chrono::steady_clock::now() - started_;
    const bool keep = elapsed.count() >= min_duration_ms_;
    auto& state = detail::profiler_state();
    std::vector<std::string> files;
    if (cpu_) {
      ProfilerStop();
      state.cpu_busy.store(false, std::memory_order_release);
      settle(stem_ + ".prof.part", stem_ + ".prof", keep, files);
    }
    if (heap_) {
      if (keep) HeapProfilerDump("section end");
      HeapProfilerStop();
      state.heap_busy.store(false, std::memory_order_release);
      std::vector<std::string> dumps = detail::heap_dumps(stem_ + ".heap-part");
      for (std::size_t i = 0; i + 1 < dumps.size(); ++i) std::remove(dumps[i].c_str());
      if (!dumps.empty()) settle(dumps.back(), stem_ + ".heap", keep, files);
    }
    if (!keep) {
      state.dropped_short.fetch_add(1, std::memory_order_relaxed);
      return;
    }
    write_sidecar(elapsed.count(), files);
    state.kept.fetch_add(1, std::memory_order_relaxed);
  }

  ProfileSection(const ProfileSection&) = delete;
  ProfileSection& operator=(const ProfileSection&) = delete;

  /// Whether this section holds the CPU / heap profiler.
  bool cpu_profiling() const { return cpu_; }
  bool heap_profiling() const { return heap_; }
  /// Where its files go, without extension ("" when it profiles nothing).
  const std::string& stem() const { return stem_; }

 private:
  static bool claim(std::atomic<bool>& busy) {
    bool expected = false;
    if (busy.compare_exchange_strong(expected, true, std::memory_order_acq_rel)) return true;
    detail::profiler_state().overlapped.fetch_add(1, std::memory_order_relaxed);
    return false;
  }

  bool start_cpu() {
    if (ProfilerStart == nullptr) {
      detail::profiler_state().cpu_busy.store(false, std::memory_order_release);
      detail::profile_error("cpu-missing",
                            "PROFILE_CPU is on but the program is not linked "
                            "with gperftools' libprofiler (-lprofiler)");
      return false;
    }
    if (ProfilingIsEnabledForAllThreads() == 0 && ProfilerStart((stem_ + ".prof.part").c_str())) {
      return true;
    }
    detail::profiler_state().cpu_busy.store(false, std::memory_order_release);
    detail::profile_error("cpu", "ProfilerStart failed for " + stem_ +
                                     ".prof (directory not writable, or CPUPROFILE already "
                                     "profiling the whole program)");
    return false;
  }

  bool start_heap() {
    if (HeapProfilerStart == nullptr) {
      detail::profiler_state().heap_busy.store(false, std::memory_order_release);
      detail::profile_error("heap-missing",
                            "PROFILE_MEMORY is on but the program is not linked "
                            "with gperftools' tcmalloc (-ltcmalloc)");
      return false;
    }
    if (IsHeapProfilerRunning() == 0) {
      HeapProfilerStart((stem_ + ".heap-part").c_str());
      if (IsHeapProfilerRunning() != 0) return true;
    }
    detail::profiler_state().heap_busy.store(false, std::memory_order_release);
    detail::profile_error("heap", "HeapProfilerStart failed for " + stem_ +
                                      ".heap (is the program linked with tcmalloc, and "
                                      "HEAPPROFILE unset?)");
    return false;
  }

  void settle(const std::string& part, const std::string& final_name, bool keep,
              std::vector<std::string>& files) {
    if (!keep) {
      std::remove(part.c_str());
    } else if (std::rename(part.c_str(), final_name.c_str()) == 0) {
      files.push_back(final_name);
    } else {
      detail::profile_error("rename", "cannot write " + final_name);
    }
  }

  void write_sidecar(double duration_ms, const std::vector<std::string>& files) const {
    std::string json;
    {
      detail::LineBuffer out(json);
      put_labels(out, duration_ms, files);
    }
    std::FILE* file = std::fopen((stem_ + ".json").c_str(), "w");
    if (file == nullptr || std::fwrite(json.data(), 1, json.size(), file) != json.size()) {
      detail::profile_error("sidecar", "cannot write " + stem_ + ".json");
    }
    if (file != nullptr) std::fclose(file);
  }

  void put_labels(detail::LineBuffer& out, double duration_ms,
                  const std::vector<std::string>& files) const {
    bool first = true;
    out.put('{');
    detail::put_label(out, "section", name_, first);
    const auto resource = vigil::resource();
    if (const auto* service = find(resource->attributes, semconv::kServiceName)) {
      if (const auto* text = std::get_if<std::string>(service))
        detail::put_label(out, "service_name", *text, first);
    }
    const auto run = detail::run_context(detail::effective_run_context(detail::t_run_context));
    for (const auto& attribute : *run) {
      const std::size_t dot = attribute.key.rfind('.');
      const std::string label =
          dot == std::string::npos ? attribute.key : attribute.key.substr(dot + 1);
      if (const auto* text = std::get_if<std::string>(&attribute.value)) {
        detail::put_label(out, label, *text, first);
      } else if (const auto* number = std::get_if<std::int64_t>(&attribute.value)) {
        detail::put_label(out, label, std::to_string(*number), first);
      }
    }
    detail::put_label(out, "trace_id", context_.valid() ? context_.trace_id.hex() : "", first);
    detail::put_label(out, "span_id", context_.valid() ? context_.span_id.hex() : "", first);
    detail::put_label(out, "start_time", detail::utc_stamp(started_wall_), first);
    out.put(",\"duration_ms\":");
    detail::put_json_number(out, duration_ms);
    out.put(",\"files\":[");
    for (std::size_t i = 0; i < files.size(); ++i) {
      if (i) out.put(',');
      detail::put_json_string(out, files[i].substr(files[i].rfind('/') + 1));
    }
    out.put("]}\n");
  }

  std::string name_;
  std::string stem_;
  SpanContext context_;
  std::chrono::system_clock::time_point started_wall_;
  std::chrono::steady_clock::time_point started_;
  double min_duration_ms_ = 0;
  bool cpu_ = false;
  bool heap_ = false;
};

#else

class ProfileSection {
 public:
  template <class Name>
  explicit ProfileSection(const Name&) noexcept {}
  ProfileSection(const ProfileSection&) = delete;
  ProfileSection& operator=(const ProfileSection&) = delete;
  bool cpu_profiling() const noexcept { return false; }
  bool heap_profiling() const noexcept { return false; }
  const std::string& stem() const noexcept {
    static const std::string none;
    return none;
  }
};

inline ProfileStats profile_stats() {
  return {};
}

#endif

VIGIL_NAMESPACE_END

#if VIGIL_DETAIL_PROFILING_ON
#define VIGIL_PROFILE_SECTION(name) \
  ::vigil::ProfileSection VIGIL_DETAIL_UNIQUE(vigil_profile_)(name)
#else
#define VIGIL_PROFILE_SECTION(name) VIGIL_DETAIL_UNEVALUATED(name)
#endif
