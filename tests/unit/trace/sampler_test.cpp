#include "vigil/trace/sampler.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <set>
#include <stdexcept>
#include <string>

#include "capture.hpp"

using vigil_test::Capture;

namespace {
struct SamplerGuard {
  explicit SamplerGuard(vigil::Sampler sampler, bool keep_failed = true) {
    vigil::set_sampler(sampler);
    vigil::set_keep_failed_traces(keep_failed);
  }
  ~SamplerGuard() {
    vigil::set_sampler({});
    vigil::set_keep_failed_traces(true);
  }
};
}  // namespace

TEST_CASE("OTEL_TRACES_SAMPLER and its argument are read, bad values reported once",
          "[trace][sampler]") {
  ::setenv("OTEL_TRACES_SAMPLER", "parentbased_traceidratio", 1);
  ::setenv("OTEL_TRACES_SAMPLER_ARG", "0.25", 1);
  auto sampler = vigil::detail::sampler_from_environment();
  CHECK(sampler.kind == vigil::SamplerKind::parentbased_traceidratio);
  CHECK(sampler.ratio == 0.25);
  std::vector<std::string> told;
  vigil::set_report_handler([&told](const std::string& m) { told.push_back(m); });
  ::setenv("OTEL_TRACES_SAMPLER", "sometimes", 1);
  ::setenv("OTEL_TRACES_SAMPLER_ARG", "1.5", 1);
  sampler = vigil::detail::sampler_from_environment();
  vigil::detail::sampler_from_environment();
  vigil::set_report_handler(nullptr);
  ::unsetenv("OTEL_TRACES_SAMPLER");
  ::unsetenv("OTEL_TRACES_SAMPLER_ARG");
  CHECK(sampler.kind == vigil::SamplerKind::parentbased_always_on);
  CHECK(sampler.ratio == 1.0);
  CHECK(told.size() == 2);
}

TEST_CASE("the ratio decision depends only on the trace id", "[trace][sampler]") {
  vigil::detail::apply_sampler({vigil::SamplerKind::traceidratio, 0.5});
  const vigil::TraceId low{7, 0x0012345678901234ull};   // low 56 bits small: kept
  const vigil::TraceId high{7, 0x00f2345678901234ull};  // low 56 bits above half: dropped
  CHECK(vigil::detail::ratio_says_yes(low));
  CHECK_FALSE(vigil::detail::ratio_says_yes(high));
  int kept = 0;
  for (std::uint64_t i = 1; i <= 20000; ++i)
    kept += vigil::detail::ratio_says_yes({1, vigil::detail::mix(i)});
  CHECK(kept > 9500);
  CHECK(kept < 10500);
  vigil::detail::apply_sampler({});
}

TEST_CASE("children follow their local parent, remote parents decide for parent-based samplers",
          "[trace][sampler]") {
  Capture capture;
  SamplerGuard guard({vigil::SamplerKind::parentbased_always_off}, false);
  {
    VIGIL_SPAN("pipeline.unsampled");
    VIGIL_SPAN("fit.child");
    CHECK_FALSE(vigil::current_span().is_recording());
    CHECK_FALSE(vigil::current_context().sampled);
    CHECK(vigil::current_context().valid());  // still propagates
  }
  vigil::RemoteContext remote{{1, 2}, {3}, true};
  {
    vigil::ContextScope scope(vigil::detail::to_span_context(remote));
    VIGIL_SPAN("fit.remote_sampled");
  }
  const auto spans = capture.spans();
  REQUIRE(spans.size() == 1);
  CHECK(spans[0].name == "fit.remote_sampled");
  CHECK(spans[0].sampled);
}

TEST_CASE("a failed trace is exported whole even when the head sampler dropped it",
          "[trace][sampler]") {
  Capture capture;
  SamplerGuard guard({vigil::SamplerKind::always_off});
  const auto before = vigil::stats();
  {
    VIGIL_SPAN("pipeline.ok_run");
    VIGIL_SPAN("fit.fine");
  }
  {
    VIGIL_SPAN("pipeline.failed_run");
    { VIGIL_SPAN("load.data"); }
    try {
      VIGIL_SPAN("fit.broken");
      throw std::runtime_error("singular matrix");
    } catch (const std::exception&) {
    }
    VIGIL_SPAN("persist.after");
  }
  const auto spans = capture.spans();
  const auto after = vigil::stats();
  std::set<std::string> names;
  for (const auto& span : spans) {
    names.insert(span.name);
    CHECK_FALSE(span.sampled);
  }
  CHECK(names ==
        std::set<std::string>{"pipeline.failed_run", "load.data", "fit.broken", "persist.after"});
  CHECK(after.spans_sampled_out - before.spans_sampled_out == 2);
  CHECK(after.spans_held == 0);
}
