// Built with VIGIL_LOG_LEVEL=3 (warn): the trace/debug/info macros and decorations vanish
// without evaluating their arguments, warn and error still log, and Component's methods
// below warn emit nothing.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <memory>
#include <stdexcept>

#include "vigil/runtime.hpp"

static_assert(VIGIL_LOG_LEVEL == 3, "this test must be built with VIGIL_LOG_LEVEL=3");

int evaluations = 0;
int touch() {
  return ++evaluations;
}
[[noreturn]] int explode() {
  throw std::logic_error("argument evaluated");
}

TEST_CASE("levels below the compile-time minimum vanish, the others log", "[compile_out]") {
  auto sink = std::make_shared<vigil::MemoryLogSink>(true);
  vigil::set_log_sinks({sink});
  vigil::reset_log_levels(vigil::Level::trace);
  VIGIL_LOG_TRACE("GMM", "{}", explode());
  VIGIL_LOG_DEBUG("GMM", "{}", explode());
  VIGIL_LOG_INFO("GMM", "{}", explode());
  VIGIL_LOG_OK("GMM", "{}", explode());
  VIGIL_LOG_HEADER("GMM", "{}", explode());
  VIGIL_LOG_WARN("GMM", "w{}", touch());
  VIGIL_LOG_ERROR("GMM", "e{}", touch());
  const auto log = vigil::component("GMM");
  log.debug("hidden");
  log.info("hidden");
  log.warn("shown");
  CHECK_FALSE(log.enabled(vigil::Level::info));
  CHECK(log.enabled(vigil::Level::warn));
  CHECK(evaluations == 2);
  const auto records = sink->records();
  REQUIRE(records.size() == 3);
  CHECK(records[0].message == "w1");
  CHECK(records[1].message == "e2");
  CHECK(records[2].message == "shown");
}
