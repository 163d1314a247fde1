#include "vigil/trace/failed_traces.hpp"

#include <catch2/catch.hpp>

namespace {
vigil::SpanData span(std::uint64_t trace, std::uint64_t id, std::uint64_t parent,
                     vigil::StatusCode status = vigil::StatusCode::unset) {
  vigil::SpanData out;
  out.trace_id = {1, trace};
  out.span_id = {id};
  out.parent_span_id = {parent};
  out.status = status;
  out.sampled = false;
  return out;
}
}  // namespace

TEST_CASE("held spans are released on error, dropped at the local root", "[detail][sampler]") {
  vigil::detail::FailedTraceKeeper keeper;
  std::vector<vigil::SpanData> out;
  keeper.add(span(1, 11, 10), out);
  keeper.add(span(2, 21, 20), out);
  CHECK(out.empty());
  CHECK(keeper.held() == 2);
  keeper.add(span(1, 12, 10, vigil::StatusCode::error), out);
  CHECK(out.size() == 2);           // 11 and 12
  keeper.add(span(1, 10, 0), out);  // the root ends after the decision: follows it
  CHECK(out.size() == 3);
  keeper.add(span(2, 20, 0), out);  // root of an unfailed trace: dropped with its child
  CHECK(out.size() == 3);
  CHECK(keeper.sampled_out() == 2);
  keeper.add(span(2, 22, 20), out);  // a straggler of a dropped trace
  CHECK(keeper.sampled_out() == 3);
  keeper.add(span(2, 23, 20, vigil::StatusCode::error), out);  // but an error is still kept
  CHECK(out.size() == 4);
  CHECK(keeper.held() == 0);
}

TEST_CASE("held memory is bounded: the oldest trace goes first", "[detail][sampler]") {
  vigil::detail::FailedTraceKeeper keeper;
  std::vector<vigil::SpanData> out;
  const std::size_t limit = vigil::detail::FailedTraceKeeper::kMaxHeldSpans;
  for (std::size_t i = 0; i < limit; ++i) keeper.add(span(1 + i % 2, 100 + i, 1), out);
  CHECK(keeper.held() == limit);
  keeper.add(span(3, 5, 1), out);
  CHECK(keeper.held() == limit / 2 + 1);  // trace 1 (the oldest) was dropped
  CHECK(keeper.sampled_out() == limit / 2);
  keeper.drop_all();
  CHECK(keeper.held() == 0);
  CHECK(out.empty());
}
