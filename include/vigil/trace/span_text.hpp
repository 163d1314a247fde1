// vigil/trace/span_text.hpp — what a span writes besides its end record: attributes, events,
// status, run-time names and links, each a TextRecord (trace/ring_record.hpp) in this
// thread's ring. Used by Span and by the runtime's cold paths (trace/thread_setup.hpp).
//
// A key over 255 bytes or a text over 8 KiB is cut and reported once.
// Thread-safety: writes the calling thread's ring only.
// Hot-path cost: one 64-byte ring write per record (more for texts over 40 bytes); a numeric
// attribute with a key of up to 40 bytes is written in place, without a call.
#pragma once

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string_view>

#include "vigil/common/attribute.hpp"
#include "vigil/config.hpp"
#include "vigil/detail/tsc.hpp"
#include "vigil/trace/ring_record.hpp"
#include "vigil/trace/runtime_link.hpp"
#include "vigil/trace/status.hpp"
#include "vigil/trace/thread_buffer.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

// A record of span `span_id` whose text is `first` + `second`; `key_len` bytes of `first`
// are an attribute's key.
inline void write_span_text(std::uint64_t span_id, RecordType type, std::uint8_t code,
                            std::string_view first, std::string_view second,
                            std::uint64_t number = 0,
                            AttributeTarget target = AttributeTarget::span) noexcept {
  if (second.size() > kMaxText) {
    report_trace_problem("text-truncated", "an attribute or event text over 8 KiB was truncated");
    second = second.substr(0, kMaxText);
  }
  TextRecord header;
  header.type = type;
  header.code = code;
  header.key_len = static_cast<std::uint8_t>(type == RecordType::attribute ? first.size() : 0);
  header.target = target;
  header.span_id = span_id;
  header.number = number;
  write_text_record(t_trace, header, first, second);
}

// A numeric value's bits as the record keeps them; 0 for a string.
inline std::uint64_t number_bits(AttributeValue value) noexcept {
  if (value.type() == ValueType::float64) {
    const double d = value.as_double();
    std::uint64_t bits;
    std::memcpy(&bits, &d, sizeof bits);
    return bits;
  }
  return value.type() == ValueType::string ? 0 : static_cast<std::uint64_t>(value.as_int());
}

// Any attribute: a string value, or a key longer than a record holds.
inline void write_span_attribute_text(std::uint64_t span_id, AttributeTarget target,
                                      std::string_view key, AttributeValue value) noexcept {
  if (key.size() > kMaxKey) {
    report_trace_problem("key-truncated", "an attribute key over 255 bytes was truncated");
    key = key.substr(0, kMaxKey);
  }
  write_span_text(span_id, RecordType::attribute, static_cast<std::uint8_t>(value.type()), key,
                  value.type() == ValueType::string ? value.as_string() : std::string_view(),
                  number_bits(value), target);
}

VIGIL_DETAIL_ALWAYS_INLINE void write_span_attribute(std::uint64_t span_id, AttributeTarget target,
                                                     std::string_view key,
                                                     AttributeValue value) noexcept {
  if (VIGIL_DETAIL_LIKELY(value.type() != ValueType::string && key.size() <= kInlineText)) {
    write_number_attribute(t_trace, span_id, target, key, static_cast<std::uint8_t>(value.type()),
                           number_bits(value));
    return;
  }
  write_span_attribute_text(span_id, target, key, value);
}

inline void write_span_event(std::uint64_t span_id, std::string_view name,
                             std::initializer_list<Attribute> attributes) noexcept {
  write_span_text(span_id, RecordType::event, 0, {}, name, ticks(t_trace.use_tsc));
  for (const Attribute& a : attributes)
    write_span_attribute(span_id, AttributeTarget::last_event, a.key, a.value);
}

inline void write_span_status(std::uint64_t span_id, StatusCode code,
                              std::string_view description) noexcept {
  write_span_text(span_id, RecordType::status, static_cast<std::uint8_t>(code), {}, description);
}

}  // namespace detail
VIGIL_NAMESPACE_END
