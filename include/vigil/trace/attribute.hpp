// vigil/trace/attribute.hpp — key/value pairs on spans, events and resources.
//
// Attribute is the borrowed form the API takes ({"n_samples", n}): it views its key and
// string value, and the span copies both before the call returns, so temporaries are fine.
// Value types follow OTLP: int64 (every integer type), double, bool, string.
// OwnedAttribute is what exporters read after the collector decoded a record.
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "vigil/config.hpp"

VIGIL_NAMESPACE_BEGIN

enum class ValueType : std::uint8_t { int64 = 1, float64 = 2, boolean = 3, string = 4 };

/// A borrowed attribute value; see the file comment for lifetimes.
class AttributeValue {
 public:
  template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  constexpr AttributeValue(T v) noexcept
      : type_(ValueType::int64), int_(static_cast<std::int64_t>(v)) {}
  template <class T, std::enable_if_t<std::is_floating_point_v<T>, int> = 0>
  constexpr AttributeValue(T v) noexcept
      : type_(ValueType::float64), double_(static_cast<double>(v)) {}
  constexpr AttributeValue(bool v) noexcept : type_(ValueType::boolean), int_(v ? 1 : 0) {}
  constexpr AttributeValue(std::string_view v) noexcept
      : type_(ValueType::string), int_(0), text_(v) {}
  constexpr AttributeValue(const char* v) noexcept
      : type_(ValueType::string),
        int_(0),
        text_(v != nullptr ? std::string_view(v) : std::string_view()) {}
  AttributeValue(const std::string& v) noexcept : type_(ValueType::string), int_(0), text_(v) {}

  constexpr ValueType type() const noexcept { return type_; }
  constexpr std::int64_t as_int() const noexcept { return int_; }
  constexpr double as_double() const noexcept { return double_; }
  constexpr bool as_bool() const noexcept { return int_ != 0; }
  constexpr std::string_view as_string() const noexcept { return text_; }

 private:
  ValueType type_;
  union {
    std::int64_t int_;
    double double_;
  };
  std::string_view text_{};
};

/// A borrowed key/value pair: `{"n_features", 105}`.
struct Attribute {
  constexpr Attribute(std::string_view k, AttributeValue v) noexcept : key(k), value(v) {}
  std::string_view key;
  AttributeValue value;
};

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
