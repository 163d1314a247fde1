// LogArg tells positional values from fields; a record lists its fields only.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "vigil/log/record.hpp"

TEST_CASE("bare values are positional, braced pairs are fields", "[log]") {
  const std::string text = "abc";
  const std::initializer_list<vigil::LogArg> args = {1,    2.5,      true,       "lit",
                                                     text, {"k", 7}, {"s", text}};
  const vigil::LogArg* a = args.begin();
  for (int i = 0; i < 5; ++i) CHECK(a[i].is_positional());
  CHECK(a[1].value().type() == vigil::ValueType::float64);
  CHECK(a[4].value().as_string() == "abc");
  CHECK(a[5].is_field());
  CHECK(a[5].key() == "k");
  CHECK(a[5].value().as_int() == 7);
  CHECK(a[6].value().as_string() == "abc");
  CHECK_FALSE(vigil::LogArg().is_field());
  CHECK_FALSE(vigil::LogArg().is_positional());

  vigil::LogRecord record;
  record.args = args.begin();
  record.arg_count = args.size();
  std::vector<std::string> keys;
  record.for_each_field(
      [&keys](std::string_view key, vigil::AttributeValue) { keys.emplace_back(key); });
  CHECK(keys == std::vector<std::string>{"k", "s"});
}
