#include "vigil/detail/json.hpp"

#include "vigil/common/attribute_json.hpp"

#include <catch2/catch.hpp>

#include <limits>
#include <string>

namespace {
std::string quoted(std::string_view s) {
  std::string out;
  vigil::detail::append_json_string(out, s);
  return out;
}
}  // namespace

TEST_CASE("JSON strings escape quotes, backslashes and control characters", "[detail][json]") {
  CHECK(quoted("plain") == "\"plain\"");
  CHECK(quoted("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(quoted("line\nnext\ttab") == "\"line\\nnext\\ttab\"");
  CHECK(quoted(std::string("nul\0x", 5)) == "\"nul\\u0000x\"");
  CHECK(quoted("\x1f") == "\"\\u001f\"");
}

TEST_CASE("valid UTF-8 passes, invalid bytes become U+FFFD", "[detail][json]") {
  CHECK(quoted("Größe €") == "\"Größe €\"");
  CHECK(quoted("\xF0\x9F\x94\xA5") == "\"\xF0\x9F\x94\xA5\"");                  // 4-byte sequence
  CHECK(quoted("a\xFFz") == "\"a\xEF\xBF\xBDz\"");                              // invalid byte
  CHECK(quoted("\xC0\xAF") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");                  // overlong
  CHECK(quoted("\xED\xA0\x80") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");  // surrogate
  CHECK(quoted("\xE2\x82") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");                  // truncated
}

TEST_CASE("numbers: integers exact, non-finite doubles as strings", "[detail][json]") {
  std::string out;
  vigil::detail::append_json_value(out, vigil::OwnedValue(std::int64_t{-9007199254740993}));
  CHECK(out == "-9007199254740993");
  out.clear();
  vigil::detail::append_json_value(out, vigil::OwnedValue(0.1));
  CHECK(std::stod(out) == 0.1);
  out.clear();
  vigil::detail::append_json_number(out, std::numeric_limits<double>::quiet_NaN());
  vigil::detail::append_json_number(out, -std::numeric_limits<double>::infinity());
  CHECK(out == "\"NaN\"\"-Infinity\"");
}
