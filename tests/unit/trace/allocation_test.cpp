// Replaces the global operator new for this test binary to count this thread's allocations.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <new>
#include <string>

#include "capture.hpp"

// Sanitizers own operator new and match it against their own delete; counting is done by
// the plain builds.
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
#define VIGIL_TEST_COUNT_ALLOCATIONS 1

// GCC cannot see that this operator new is the malloc-based one paired with this delete.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

namespace {
thread_local bool counting = false;
thread_local long allocations = 0;
}  // namespace

void* operator new(std::size_t size) {
  if (counting) ++allocations;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
#endif

#ifdef VIGIL_TEST_COUNT_ALLOCATIONS
TEST_CASE("no heap allocation on the hot path after a thread's first span", "[trace]") {
  vigil_test::Capture capture;
  { VIGIL_SPAN("warm.up"); }
  const std::string equipment = "GAS_TURBINE";
  counting = true;
  for (int i = 0; i < 1000; ++i) {
    VIGIL_SPAN("fit.loop", {"i", i}, {"equipment", equipment});
    vigil::current_span().add_event("tick", {{"ratio", 0.5}});
    VIGIL_SPAN("score.loop");
  }
  counting = false;
  CHECK(allocations == 0);
  CHECK(capture.spans().size() == 2001);
}
#endif
