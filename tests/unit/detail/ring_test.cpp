#include "vigil/detail/ring.hpp"

#include <catch2/catch.hpp>

#include <thread>

#include "vigil/trace/decode.hpp"
#include "vigil/trace/ring_record.hpp"

using vigil::detail::Ring;

TEST_CASE("the ring refuses when full and accepts again once released", "[detail][ring]") {
  Ring ring(100);  // rounded up to 128
  REQUIRE(ring.capacity() == 128);
  std::uint64_t position = ring.try_reserve(128);
  REQUIRE(position == 0);
  ring.publish(position, 128);
  CHECK(ring.try_reserve(1) == Ring::kFull);
  CHECK(ring.read_end() - ring.read_begin() == 128);
  ring.release(64);
  position = ring.try_reserve(64);
  CHECK(position == 128);
  CHECK(ring.try_reserve(65) == Ring::kFull);
}

TEST_CASE("text spanning continuation items and the ring's wrap survives", "[detail][ring]") {
  Ring ring(64);
  std::string text;
  for (int i = 0; i < 300; ++i) text += static_cast<char>('a' + i % 26);
  const std::size_t n = vigil::detail::items_for_text(text.size());
  CHECK(n == 1 + (300 - 40 + 63) / 64);
  // Move the window so the record wraps around the end of the ring.
  ring.publish(ring.try_reserve(60), 60);
  ring.release(60);
  const std::uint64_t position = ring.try_reserve(n);
  REQUIRE(position != Ring::kFull);
  vigil::detail::store_text(ring, position, 0, text.substr(0, 10));
  vigil::detail::store_text(ring, position, 10, text.substr(10));
  ring.publish(position, n);
  CHECK(vigil::detail::load_text(ring, position, 0, text.size()) == text);
  CHECK(vigil::detail::load_text(ring, position, 10, 5) == text.substr(10, 5));
}

TEST_CASE("one producer and one consumer see every item in order", "[detail][ring]") {
  Ring ring(256);
  const std::uint64_t total = 200000;
  std::thread producer([&] {
    for (std::uint64_t i = 0; i < total;) {
      const std::uint64_t position = ring.try_reserve(1);
      if (position == Ring::kFull) continue;
      std::memcpy(ring.at(position).bytes, &i, sizeof i);
      ring.publish(position, 1);
      ++i;
    }
  });
  std::uint64_t expected = 0;
  bool in_order = true;
  while (expected < total) {
    const std::uint64_t end = ring.read_end();
    for (std::uint64_t p = ring.read_begin(); p < end; ++p) {
      std::uint64_t value;
      std::memcpy(&value, ring.at(p).bytes, sizeof value);
      in_order = in_order && value == expected;
      ++expected;
    }
    ring.release(end);
  }
  producer.join();
  CHECK(in_order);
}
