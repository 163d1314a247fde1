// The caller's push into its thread's ring: records stay contiguous across the ring's end
// (padding), a full ring refuses without writing, and retired rings leave the registry only
// once drained.
#include <catch2/catch.hpp>

#include <memory>

#include "vigil/log/thread_ring.hpp"

namespace {

using vigil::detail::LogRingHeader;
using vigil::detail::LogThreadRing;

const vigil::detail::ComponentState kComponent{"GMM", vigil::Level::info};

bool push(LogThreadRing& ring, std::uint64_t ticks) {
  const vigil::LogArg args[] = {vigil::LogArg("k", 1)};
  return vigil::detail::push_log_record(
      ring, kComponent, vigil::Level::info, vigil::Decoration::none, [ticks] { return ticks; }, {},
      "message", args, 1);
}

LogRingHeader header_at(LogThreadRing& ring, std::uint64_t position) {
  LogRingHeader header;
  std::memcpy(&header, ring.ring.at(position).bytes, sizeof header);
  return header;
}

}  // namespace

TEST_CASE("a full ring refuses a record and publishes nothing", "[log][ring]") {
  LogThreadRing ring(128, 1, true);  // two records' worth of reservation
  int accepted = 0;
  while (push(ring, static_cast<std::uint64_t>(accepted))) ++accepted;
  const std::uint64_t end = ring.ring.read_end();
  CHECK(accepted > 0);
  CHECK_FALSE(push(ring, 99));
  CHECK(ring.ring.read_end() == end);
}

TEST_CASE("a record that would cross the ring's end starts at its beginning", "[log][ring]") {
  LogThreadRing ring(128, 1, true);
  std::uint64_t position = 0;
  std::uint64_t ticks = 0;
  bool padded = false;
  for (int round = 0; round < 200; ++round) {
    REQUIRE(push(ring, ++ticks));
    const std::uint64_t end = ring.ring.read_end();
    while (position != end) {
      const LogRingHeader header = header_at(ring, position);
      REQUIRE(header.items > 0);
      if ((header.flags & vigil::detail::kLogPadding) != 0) {
        padded = true;
        CHECK(((position + header.items) & (ring.ring.capacity() - 1)) == 0);
      } else {
        CHECK(header.ticks == ticks);
        CHECK((position & (ring.ring.capacity() - 1)) + header.items <= ring.ring.capacity());
      }
      position += header.items;
    }
    ring.ring.release(position);
  }
  CHECK(padded);
}

TEST_CASE("a retired ring leaves the registry once it is drained", "[log][ring]") {
  vigil::detail::LogRingRegistry registry;
  auto ring = std::make_shared<LogThreadRing>(128, 7, true);
  registry.add(ring);
  {
    vigil::detail::LogRingOwner owner;
    owner.reset(ring);
    REQUIRE(push(*ring, 1));
  }  // the thread exits
  CHECK(ring->retired.load());
  std::vector<std::shared_ptr<LogThreadRing>> rings;
  registry.free_drained_retired();
  registry.snapshot(rings);
  CHECK(rings.size() == 1);  // still holds a record
  ring->ring.release(ring->ring.read_end());
  registry.free_drained_retired();
  registry.snapshot(rings);
  CHECK(rings.empty());
}
