#include "vigil/detail/clock.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

TEST_CASE("ticks convert to wall-clock nanoseconds that track the system clock",
          "[detail][clock]") {
  vigil::detail::TickConverter converter;
  const std::int64_t wall_before = vigil::detail::system_ns();
  const std::uint64_t start = vigil::detail::process_ticks();
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  const std::uint64_t end = vigil::detail::process_ticks();
  const std::int64_t wall_after = vigil::detail::system_ns();
  converter.refresh();
  const std::int64_t measured = converter.duration_ns(start, end);
  CHECK(measured >= 19'000'000);
  CHECK(measured <= wall_after - wall_before + 2'000'000);
  const std::int64_t at = converter.to_unix_ns(start);
  CHECK(at >= wall_before - 2'000'000);
  CHECK(at <= wall_after);
}

TEST_CASE("ticks never go backwards on one thread", "[detail][clock]") {
  std::uint64_t previous = vigil::detail::process_ticks();
  bool monotonic = true;
  for (int i = 0; i < 100000; ++i) {
    const std::uint64_t now = vigil::detail::process_ticks();
    monotonic = monotonic && now >= previous;
    previous = now;
  }
  CHECK(monotonic);
}
