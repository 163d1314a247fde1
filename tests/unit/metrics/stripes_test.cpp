#include "vigil/metrics/stripes.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>
#include <vector>

TEST_CASE("owned stripes are handed over at thread exit, extra threads share", "[metrics]") {
  vigil::detail::StripedSum sum;
  std::atomic<int> owned{0};
  std::atomic<int> started{0};
  int together = 0;  // how many threads must have started before any may finish
  auto work = [&] {
    for (int i = 0; i < 50000; ++i) sum.add(std::int64_t{1});
    sum.add(0.25);
    owned += vigil::detail::stripe().owned ? 1 : 0;
    ++started;
    while (started.load() < together) std::this_thread::yield();
  };
  // 24 alive at once: at most 16 own a stripe, the rest share atomically.
  together = 24;
  std::vector<std::thread> wave;
  for (int t = 0; t < 24; ++t) wave.emplace_back(work);
  for (auto& thread : wave) thread.join();
  CHECK(owned.load() <= 16);
  CHECK(owned.load() >= 1);
  // Then 40 short-lived threads one after another reuse the freed stripes.
  together = 0;
  for (int t = 0; t < 40; ++t) std::thread(work).join();
  CHECK(sum.integer() == 64 * 50000);
  CHECK(sum.real() == 64 * 0.25);
}
