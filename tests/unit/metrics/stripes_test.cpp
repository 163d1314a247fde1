#include "vigil/metrics/stripes.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>
#include <vector>

TEST_CASE("owned stripes are handed over at thread exit; extra threads share", "[metrics]") {
  vigil::detail::StripedSum sum;
  std::atomic<int> owned{0};
  auto work = [&] {
    for (int i = 0; i < 50000; ++i) sum.add(std::int64_t{1});
    sum.add(0.25);
    owned += vigil::detail::stripe().owned ? 1 : 0;
  };
  // 24 at once: at most 16 own a stripe, the rest share atomically.
  std::vector<std::thread> wave;
  for (int t = 0; t < 24; ++t) wave.emplace_back(work);
  for (auto& thread : wave) thread.join();
  CHECK(owned.load() <= 16);
  CHECK(owned.load() >= 1);
  // Then 40 short-lived threads one after another reuse the freed stripes.
  for (int t = 0; t < 40; ++t) std::thread(work).join();
  CHECK(sum.integer() == 64 * 50000);
  CHECK(sum.real() == 64 * 0.25);
}
