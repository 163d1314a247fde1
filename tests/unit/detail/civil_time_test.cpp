// RFC 3339 stamps agree with gmtime across eras, leap days and second boundaries.
#include <catch2/catch.hpp>

#include <cstdio>
#include <ctime>
#include <random>
#include <string>

#include "vigil/detail/civil_time.hpp"

namespace {
std::string by_gmtime(std::int64_t unix_ns) {
  std::int64_t seconds = unix_ns / 1000000000, nanos = unix_ns % 1000000000;
  if (nanos < 0) {
    nanos += 1000000000;
    --seconds;
  }
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%09lldZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<long long>(nanos));
  return text;
}
}  // namespace

TEST_CASE("stamps match gmtime", "[detail]") {
  vigil::detail::SecondCache cache;
  std::mt19937_64 random(42);
  std::uniform_int_distribution<std::int64_t> any(-2000000000LL * 1000000000LL,
                                                  4000000000LL * 1000000000LL);
  std::vector<std::int64_t> cases = {0,
                                     951782400LL * 1000000000LL,  // 2000-02-29
                                     1795362337123456789,
                                     1795362337999999999,
                                     1795362338000000000,
                                     -1};
  for (int i = 0; i < 20000; ++i) cases.push_back(any(random));
  for (const std::int64_t ns : cases) {
    std::string ours;
    cache.append_rfc3339(ours, ns);
    REQUIRE(ours == by_gmtime(ns));
  }
}
