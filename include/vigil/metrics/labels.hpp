// vigil/metrics/labels.hpp — metric and label names, and a series' label set.
//
// Names follow the Prometheus data model: metric [a-zA-Z_:][a-zA-Z0-9_:]*, label
// [a-zA-Z_][a-zA-Z0-9_]* without the reserved "__" prefix. Label sets are kept sorted by
// name, so {a,b} and {b,a} are one series.
// Thread-safety: plain values.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vigil/config.hpp"

VIGIL_NAMESPACE_BEGIN

using Labels = std::vector<std::pair<std::string, std::string>>;

namespace detail {

inline bool name_char(char c, bool first, bool colon_ok) {
  const bool letter =
      (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colon_ok && c == ':');
  return letter || (!first && c >= '0' && c <= '9');
}

inline bool valid_metric_name(std::string_view name) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (!name_char(name[i], i == 0, true)) return false;
  }
  return true;
}

inline bool valid_label_name(std::string_view name) {
  if (name.empty() || name.rfind("__", 0) == 0) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (!name_char(name[i], i == 0, false)) return false;
  }
  return true;
}

/// Sorted by name; false when a name is invalid or repeated.
inline bool canonical_labels(Labels& labels) {
  std::sort(labels.begin(), labels.end());
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (!valid_label_name(labels[i].first)) return false;
    if (i > 0 && labels[i].first == labels[i - 1].first) return false;
  }
  return true;
}

}  // namespace detail
VIGIL_NAMESPACE_END
