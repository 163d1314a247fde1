// vigil/metrics/bind_cache.hpp — makes binding a handle per call cheap: each thread keeps
// the series it bound last under a hash of (type, name, labels as written), so a repeated
// `vigil::counter("x_total", {{"stage", s}})` costs a hash and a compare, inline in the
// caller (metrics/binding.hpp), instead of the registry's mutex, a sort and two map searches.
//
// 256 direct-mapped entries per thread; a colliding bind replaces the entry. Only
// successful binds are cached (series are never removed, so entries never go stale).
// Thread-safety: thread-local.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

#include "vigil/config.hpp"
#include "vigil/metrics/binding.hpp"
#include "vigil/metrics/labels.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

// The labels of one binding call, as the light code passed them.
struct LabelSpan {
  const LabelArg* data;
  std::size_t size;
  const LabelArg* begin() const { return data; }
  const LabelArg* end() const { return data + size; }
};

// The runtime's side of the per-thread cache: it owns the keys the light lookup
// (metrics/binding.hpp) compares against.
class BindCache {
 public:
  BindCache() = default;
  BindCache(const BindCache&) = delete;
  BindCache& operator=(const BindCache&) = delete;

  const BindEntry* entries() const { return entries_.data(); }

  void store(std::uint64_t h, MetricType type, std::string_view name, LabelSpan labels,
             void* series) {
    const std::size_t i = h % kBindEntries;
    std::string& key = keys_[i];
    key.assign(1, static_cast<char>(type));
    append(key, name);
    for (const LabelArg& label : labels) {
      append(key, label.name);
      append(key, label.value);
    }
    entries_[i] = BindEntry{h, series, key.data(), key.size()};
  }

 private:
  static void append(std::string& key, std::string_view text) {
    const auto len = static_cast<std::uint32_t>(text.size());
    key.append(reinterpret_cast<const char*>(&len), sizeof len);
    key.append(text);
  }

  std::array<BindEntry, kBindEntries> entries_{};
  std::array<std::string, kBindEntries> keys_;
};

inline thread_local BindCache* t_bind_cache = nullptr;

VIGIL_DETAIL_NOINLINE inline BindCache& create_bind_cache() {
  struct Owner {
    std::unique_ptr<BindCache> cache = std::make_unique<BindCache>();
    ~Owner() {
      t_bind_cache = nullptr;
      t_bind_entries = nullptr;
    }
  };
  static thread_local Owner owner;
  t_bind_cache = owner.cache.get();
  t_bind_entries = t_bind_cache->entries();
  return *t_bind_cache;
}

inline BindCache& bind_cache() {
  BindCache* cache = t_bind_cache;
  return cache != nullptr ? *cache : create_bind_cache();
}

inline Labels to_labels(LabelSpan labels) {
  Labels out;
  for (const LabelArg& label : labels)
    out.emplace_back(std::string(label.name), std::string(label.value));
  return out;
}

}  // namespace detail
VIGIL_NAMESPACE_END
