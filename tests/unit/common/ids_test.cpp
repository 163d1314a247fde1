#include "vigil/common/id_mapping.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <set>

TEST_CASE("the id bijection inverts exactly", "[trace][ids]") {
  for (std::uint64_t x : {std::uint64_t{0}, std::uint64_t{1}, std::uint64_t{42}, ~std::uint64_t{0},
                          std::uint64_t{0x123456789abcdef0}}) {
    CHECK(vigil::detail::unmix(vigil::detail::mix(x)) == x);
    CHECK(vigil::detail::mix(vigil::detail::unmix(x)) == x);
  }
}

TEST_CASE("exported ids round-trip and are never zero for local ids", "[trace][ids]") {
  std::set<std::uint64_t> seen;
  for (std::uint64_t slot = 1; slot < 50; ++slot) {
    for (std::uint64_t seq = 1; seq < 50; ++seq) {
      const std::uint64_t local = (slot << vigil::detail::kSlotShift) | seq;
      const vigil::SpanId exported = vigil::detail::export_span_id(local);
      CHECK(exported.valid());
      CHECK(vigil::detail::import_span_id(exported) == local);
      seen.insert(exported.value);
    }
  }
  CHECK(seen.size() == 49u * 49u);
  const vigil::TraceId trace{0xfeed, 12345};
  CHECK(vigil::detail::export_trace_id(vigil::detail::import_trace_id(trace)) == trace);
}

TEST_CASE("ids print as lowercase W3C hex", "[trace][ids]") {
  CHECK(vigil::SpanId{0x00f067aa0ba902b7}.hex() == "00f067aa0ba902b7");
  CHECK(vigil::TraceId{0x4bf92f3577b34da6, 0xa3ce929d0e0e4736}.hex() ==
        "4bf92f3577b34da6a3ce929d0e0e4736");
  CHECK_FALSE(vigil::SpanId{}.valid());
  CHECK_FALSE(vigil::TraceId{}.valid());
}
