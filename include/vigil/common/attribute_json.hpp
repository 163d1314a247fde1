// vigil/common/attribute_json.hpp — attribute values as JSON values (numbers, strings,
// booleans; NaN and infinities as the strings OTLP JSON uses).
// Thread-safety: pure functions. Not for hot paths of the application's threads.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

#include "vigil/common/attribute.hpp"
#include "vigil/common/attribute_list.hpp"
#include "vigil/config.hpp"
#include "vigil/detail/json.hpp"
#include "vigil/detail/line_buffer.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

inline void put_json_value(LineBuffer& out, AttributeValue value) {
  switch (value.type()) {
    case ValueType::int64:
      out.put_integer(value.as_int());
      break;
    case ValueType::float64:
      put_json_number(out, value.as_double());
      break;
    case ValueType::boolean:
      out.put(value.as_bool() ? std::string_view("true") : std::string_view("false"));
      break;
    case ValueType::string:
      put_json_string(out, value.as_string());
      break;
  }
}

inline void append_json_value(std::string& out, const OwnedValue& value) {
  if (const auto* i = std::get_if<std::int64_t>(&value)) {
    append_integer(out, *i);
  } else if (const auto* d = std::get_if<double>(&value)) {
    append_json_number(out, *d);
  } else if (const auto* b = std::get_if<bool>(&value)) {
    out += *b ? "true" : "false";
  } else {
    append_json_string(out, std::get<std::string>(value));
  }
}

inline void append_json_value(std::string& out, AttributeValue value) {
  LineBuffer buffer(out);
  put_json_value(buffer, value);
}

}  // namespace detail
VIGIL_NAMESPACE_END
