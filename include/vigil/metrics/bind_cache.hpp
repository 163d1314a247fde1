// vigil/metrics/bind_cache.hpp — makes binding a handle per call cheap: each thread keeps
// the series it bound last under a hash of (type, name, labels as written), so a repeated
// `vigil::counter("x_total", {{"stage", s}})` costs a hash and a compare instead of the
// registry's mutex, a sort and two map searches.
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

class BindCache {
 public:
  static std::uint64_t hash(int type, std::string_view name, LabelSpan labels) {
    std::uint64_t h = 0x9e3779b97f4a7c15ull ^ static_cast<std::uint64_t>(type);
    const auto mix_in = [&h](std::string_view text) {  // 8 bytes a step; the length separates
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
    for (const LabelArg& label : labels) {
      mix_in(label.name);
      mix_in(label.value);
    }
    return h ^ (h >> 32);
  }

  void* find(std::uint64_t h, std::string_view name, LabelSpan labels) const {
    const Entry& e = entries_[h % entries_.size()];
    if (e.series == nullptr || e.hash != h || e.name != name || e.labels.size() != labels.size)
      return nullptr;
    std::size_t i = 0;
    for (const LabelArg& label : labels) {
      if (e.labels[i].first != label.name || e.labels[i].second != label.value) return nullptr;
      ++i;
    }
    return e.series;
  }

  void store(std::uint64_t h, std::string_view name, LabelSpan labels, void* series) {
    Entry& e = entries_[h % entries_.size()];
    e.hash = h;
    e.name.assign(name);
    e.labels.clear();
    for (const LabelArg& label : labels)
      e.labels.emplace_back(std::string(label.name), std::string(label.value));
    e.series = series;
  }

 private:
  struct Entry {
    std::uint64_t hash = 0;
    void* series = nullptr;
    std::string name;
    Labels labels;  // as written, not sorted
  };
  std::array<Entry, 256> entries_;
};

inline thread_local BindCache* t_bind_cache = nullptr;

VIGIL_DETAIL_NOINLINE inline BindCache& create_bind_cache() {
  struct Owner {
    std::unique_ptr<BindCache> cache = std::make_unique<BindCache>();
    ~Owner() { t_bind_cache = nullptr; }
  };
  static thread_local Owner owner;
  t_bind_cache = owner.cache.get();
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
