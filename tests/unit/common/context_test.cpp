#include "vigil/common/context.hpp"

#include <catch2/catch.hpp>

#include <future>
#include <thread>

#include "capture.hpp"

using vigil_test::Capture;

TEST_CASE("work handed to another thread nests under the span that queued it", "[trace][context]") {
  Capture capture;
  vigil::SpanContext queued_under;
  {
    VIGIL_SPAN("fit.iforest");
    queued_under = vigil::current_context();
    REQUIRE(queued_under.valid());
    std::thread worker([context = vigil::current_context()] {
      vigil::ContextScope scope(context);
      VIGIL_SPAN("fit.tree", {"tree", 1});
    });
    worker.join();
    auto task = std::async(std::launch::async, vigil::bind_context([] {
                             VIGIL_SPAN("fit.tree", {"tree", 2});
                             return vigil::current_context();
                           }));
    const vigil::SpanContext inside = task.get();
    CHECK(inside.trace_id == queued_under.trace_id);
  }
  CHECK_FALSE(vigil::current_context().valid());
  int trees = 0;
  for (const auto& span : capture.spans()) {
    if (span.name != "fit.tree") continue;
    ++trees;
    CHECK(span.parent_span_id == queued_under.span_id);
    CHECK(span.trace_id == queued_under.trace_id);
  }
  CHECK(trees == 2);
}

TEST_CASE("an invalid context attaches nothing", "[trace][context]") {
  Capture capture;
  vigil::ContextScope scope(vigil::SpanContext{});
  CHECK_FALSE(vigil::current_context().valid());
  { VIGIL_SPAN("load.root"); }
  CHECK_FALSE(capture.only("load.root").parent_span_id.valid());
}
