// vigil/metrics/binding.hpp — the metric registry's entry table, through which light code
// binds handles (metrics/runtime_link.hpp) without compiling the registry.
//
// The registry (metrics/registry.hpp) publishes g_metrics_runtime as one weak constant in
// every file that includes it; the linker keeps one. Where no file includes it the symbol
// is null and every handle binds to nothing: its updates are dropped.
// Thread-safety: the table is immutable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string_view>

#include "vigil/config.hpp"

VIGIL_NAMESPACE_BEGIN

enum class MetricType { counter, updown_counter, gauge, histogram };

namespace detail {

/// A label as the allocation-free binding path takes it: `{"stage", "fit.gmm"}`.
struct LabelArg {
  constexpr LabelArg(std::string_view n, std::string_view v) : name(n), value(v) {}
  std::string_view name;
  std::string_view value;
};

// The key of a per-call binding in the thread's cache (metrics/bind_cache.hpp). Inline here so
// that literal names and labels hash at compile time: 8 bytes a step, the lengths separate.
inline std::uint64_t binding_hash(MetricType type, std::string_view name, const LabelArg* labels,
                                  std::size_t label_count) noexcept {
  std::uint64_t h = 0x9e3779b97f4a7c15ull ^ static_cast<std::uint64_t>(type);
  const auto mix_in = [&h](std::string_view text) {
    h = (h ^ text.size()) * 0xff51afd7ed558ccdull;
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
      std::uint64_t word;
      std::memcpy(&word, text.data() + i, 8);
      h = ((h ^ word) * 0xc4ceb9fe1a85ec53ull) ^ (h >> 29);
    }
    std::uint64_t tail = 0;  // byte by byte: a variable-size memcpy would be a call
    for (std::size_t k = i; k < text.size(); ++k)
      tail = tail << 8 | static_cast<unsigned char>(text[k]);
    h = ((h ^ tail) * 0xc4ceb9fe1a85ec53ull) ^ (h >> 29);
  };
  mix_in(name);
  for (std::size_t i = 0; i < label_count; ++i) {
    mix_in(labels[i].name);
    mix_in(labels[i].value);
  }
  return h ^ (h >> 32);
}

// One entry of the thread's cache of per-call bindings (filled by metrics/bind_cache.hpp):
// the series last bound under `hash`, and the key it was bound with, as
// [type][u32 length][bytes] for the name, then each label's name and value.
struct BindEntry {
  std::uint64_t hash;
  void* series;
  const char* key;  // owned by the runtime's cache
  std::size_t key_len;
};
constexpr std::size_t kBindEntries = 256;
inline thread_local const BindEntry* t_bind_entries = nullptr;

inline bool key_matches(const BindEntry& entry, MetricType type, std::string_view name,
                        const LabelArg* labels, std::size_t label_count) noexcept {
  const char* at = entry.key;
  const char* const end = entry.key + entry.key_len;
  if (at == end || *at++ != static_cast<char>(type)) return false;
  const auto next = [&at, end](std::string_view text) {
    std::uint32_t len;
    if (end - at < 4) return false;
    std::memcpy(&len, at, 4);
    at += 4;
    if (len != text.size() || static_cast<std::size_t>(end - at) < len) return false;
    if (len != 0 && std::memcmp(at, text.data(), len) != 0) return false;
    at += len;
    return true;
  };
  if (!next(name)) return false;
  for (std::size_t i = 0; i < label_count; ++i) {
    if (!next(labels[i].name) || !next(labels[i].value)) return false;
  }
  return at == end;
}

struct MetricsRuntime {
  // The series of (type, name, labels), registered on first use and then kept in this
  // thread's t_bind_entries; null when refused (reported once). Histograms get the seconds
  // buckets. `hash` is binding_hash's.
  void* (*bind)(MetricType type, std::string_view name, const LabelArg* labels,
                std::size_t label_count, std::string_view help, std::uint64_t hash);
  void (*report_once)(const char* key, const char* message);
};

extern const MetricsRuntime g_metrics_runtime VIGIL_DETAIL_WEAK;

inline void* bind_series(MetricType type, std::string_view name,
                         std::initializer_list<LabelArg> labels, std::string_view help) {
  const MetricsRuntime* runtime = &g_metrics_runtime;
  if (runtime == nullptr) return nullptr;
  const std::uint64_t hash = binding_hash(type, name, labels.begin(), labels.size());
  if (const BindEntry* entries = t_bind_entries) {
    const BindEntry& entry = entries[hash % kBindEntries];
    if (entry.series != nullptr && entry.hash == hash &&
        key_matches(entry, type, name, labels.begin(), labels.size()))
      return entry.series;
  }
  return runtime->bind(type, name, labels.begin(), labels.size(), help, hash);
}

inline void report_metrics_problem(const char* key, const char* message) noexcept {
  if (const MetricsRuntime* runtime = &g_metrics_runtime) runtime->report_once(key, message);
}

}  // namespace detail
VIGIL_NAMESPACE_END
