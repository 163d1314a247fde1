// vigil/common/attribute.hpp — key/value pairs on spans, events and resources.
//
// Attribute is the borrowed form the API takes ({"n_samples", n}): it views its key and
// string value, and the span copies both before the call returns, so temporaries are fine.
// Value types follow OTLP: int64 (every integer type), double, bool, string.
// The owned forms exporters read are in common/attribute_list.hpp; this header is on every
// instrumenting file's path, so it takes std::string through a template instead of <string>.
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <string_view>
#include <type_traits>

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
  /// std::string and anything else that converts to std::string_view.
  template <class S, std::enable_if_t<std::is_convertible_v<const S&, std::string_view> &&
                                          !std::is_same_v<S, std::string_view> &&
                                          !std::is_convertible_v<const S&, const char*>,
                                      int> = 0>
  AttributeValue(const S& v) noexcept : type_(ValueType::string), int_(0), text_(v) {}

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

VIGIL_NAMESPACE_END
