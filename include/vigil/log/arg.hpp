// vigil/log/arg.hpp — the arguments of a log call after its message.
//
// A bare value (number, string, bool) fills the next `{}` of the message; a
// `{"key", value}` pair is a structured field. Both only view their strings, which live
// until the call returns.
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <string_view>
#include <type_traits>

#include "vigil/common/attribute.hpp"
#include "vigil/config.hpp"

VIGIL_NAMESPACE_BEGIN

class LogArg {
 public:
  /// No argument (the unused trailing parameters of Component's methods).
  constexpr LogArg() noexcept : value_(std::int64_t{0}), kind_(Kind::absent) {}
  /// A positional value for the next `{}`.
  template <class T, std::enable_if_t<std::is_constructible_v<AttributeValue, const T&> &&
                                          !std::is_same_v<T, LogArg>,
                                      int> = 0>
  constexpr LogArg(const T& value) noexcept : value_(value), kind_(Kind::positional) {}
  /// A structured field: `{"n_samples", n}`.
  constexpr LogArg(std::string_view key, AttributeValue value) noexcept
      : key_(key), value_(value), kind_(Kind::field) {}

  constexpr bool is_field() const noexcept { return kind_ == Kind::field; }
  constexpr bool is_positional() const noexcept { return kind_ == Kind::positional; }
  constexpr std::string_view key() const noexcept { return key_; }
  constexpr AttributeValue value() const noexcept { return value_; }

 private:
  enum class Kind : std::uint8_t { absent, positional, field };
  std::string_view key_;
  AttributeValue value_;
  Kind kind_;
};

VIGIL_NAMESPACE_END
