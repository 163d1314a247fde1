// vigil/log/record.hpp — the arguments of a log call and the record sinks receive.
//
// A call's arguments after the message are LogArgs: a bare value (number, string, bool)
// fills the next `{}` of the message; a `{"key", value}` pair is a structured field. Both
// only view their strings, which live until the call returns.
// A LogRecord is a view too: sinks must copy what they keep (MemoryLogSink shows how).
// Thread-safety: plain values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "vigil/config.hpp"
#include "vigil/log/level.hpp"
#include "vigil/log/request_context.hpp"
#include "vigil/trace/attribute.hpp"
#include "vigil/trace/ids.hpp"
#include "vigil/trace/span_data.hpp"

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

struct LogRecord {
  std::int64_t time_unix_ns = 0;
  Level level = Level::info;
  Decoration decoration = Decoration::none;
  std::string_view component;
  std::string_view message;      // `{}` already filled
  const LogArg* args = nullptr;  // the call's arguments; fields are those with is_field()
  std::size_t arg_count = 0;
  TraceId trace_id;  // invalid outside every span
  SpanId span_id;
  std::uint32_t run_context_generation = 0;
  const AttributeList* run_context = nullptr;  // never null once emitted
  const Resource* resource = nullptr;          // never null once emitted
  const RequestContext* request = nullptr;     // null outside every RequestScope
  std::uint64_t thread_id = 0;

  template <class Fn>
  void for_each_field(Fn&& fn) const {
    for (std::size_t i = 0; i < arg_count; ++i) {
      if (args[i].is_field()) fn(args[i].key(), args[i].value());
    }
  }
};

VIGIL_NAMESPACE_END
