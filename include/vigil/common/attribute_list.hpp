// vigil/common/attribute_list.hpp — attributes that own their keys and values, as the
// collector decodes them and exporters, sinks and the resource keep them.
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "vigil/common/attribute.hpp"
#include "vigil/config.hpp"

VIGIL_NAMESPACE_BEGIN

using OwnedValue = std::variant<std::int64_t, double, bool, std::string>;

/// An attribute that owns its key and value, as exporters receive it.
struct OwnedAttribute {
  std::string key;
  OwnedValue value;
};

using AttributeList = std::vector<OwnedAttribute>;

inline OwnedValue to_owned(AttributeValue v) {
  switch (v.type()) {
    case ValueType::int64:
      return v.as_int();
    case ValueType::float64:
      return v.as_double();
    case ValueType::boolean:
      return v.as_bool();
    case ValueType::string:
      break;
  }
  return std::string(v.as_string());
}

/// Sets `key` in `list`, replacing an earlier value of the same key (OTLP keys are unique).
inline void upsert(AttributeList& list, std::string key, OwnedValue value) {
  for (auto& attribute : list) {
    if (attribute.key == key) {
      attribute.value = std::move(value);
      return;
    }
  }
  list.push_back({std::move(key), std::move(value)});
}

/// The value of `key`, or nullptr.
inline const OwnedValue* find(const AttributeList& list, std::string_view key) {
  for (const auto& attribute : list) {
    if (attribute.key == key) return &attribute.value;
  }
  return nullptr;
}

VIGIL_NAMESPACE_END
