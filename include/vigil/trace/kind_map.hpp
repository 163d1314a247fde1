// vigil/trace/kind_map.hpp — the name-prefix map that picks a span's kind.
//
// A span's kind comes from the first segment of its name ("load.data" -> CLIENT) using the
// table of docs/ARCHITECTURE.md; set_kind_for_prefix overrides or extends it, Span::set_kind
// overrides one span. Unknown prefixes are INTERNAL. Resolution happens in the collector,
// not on the hot path.
// Thread-safety: KindMap is used under the collector lock.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "vigil/config.hpp"
#include "vigil/trace/kind.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

class KindMap {
 public:
  KindMap() {
    for (const char* p : {"load", "sql", "persist", "write", "read", "fetch"})
      set(p, SpanKind::client);
    for (const char* p : {"fit", "score", "compute", "calibrate", "regimes", "drift", "hash",
                          "normalize", "impute"})
      set(p, SpanKind::internal);
    for (const char* p : {"startup", "outputs", "finalize", "shutdown", "pipeline"})
      set(p, SpanKind::server);
    for (const char* p : {"features", "baseline", "data", "forecast", "analytics"})
      set(p, SpanKind::producer);
    for (const char* p : {"fusion", "thresholds", "episodes", "culprits"})
      set(p, SpanKind::consumer);
  }

  void set(std::string prefix, SpanKind kind) { by_prefix_[std::move(prefix)] = kind; }

  SpanKind resolve(std::string_view name) const {
    const std::string_view prefix = name.substr(0, name.find('.'));
    const auto it = by_prefix_.find(prefix);
    return it == by_prefix_.end() ? SpanKind::internal : it->second;
  }

 private:
  std::map<std::string, SpanKind, std::less<>> by_prefix_;
};

}  // namespace detail
VIGIL_NAMESPACE_END
