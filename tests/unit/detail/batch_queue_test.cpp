// The batch queue delivers everything once, in order, drops and counts when full, and
// flush() waits for delivery.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "vigil/detail/batch_queue.hpp"

using namespace std::chrono_literals;

TEST_CASE("everything pushed is delivered once, in order per producer", "[detail]") {
  std::mutex mutex;
  std::vector<int> seen;
  std::atomic<int> batches{0};
  {
    vigil::detail::BatchQueue<int> queue(100000, 64, 50ms, [&](std::vector<int>& e, std::size_t n) {
      std::lock_guard<std::mutex> lock(mutex);
      seen.insert(seen.end(), e.begin(), e.begin() + static_cast<std::ptrdiff_t>(n));
      ++batches;
    });
    std::vector<std::thread> producers;
    std::atomic<int> refused{0};  // Catch's assertions are for the main thread only
    for (int p = 0; p < 4; ++p) {
      producers.emplace_back([&queue, &refused, p] {
        for (int i = 0; i < 5000; ++i) {
          if (!queue.push([=](int& slot) { slot = p * 100000 + i; })) ++refused;
        }
      });
    }
    for (auto& t : producers) t.join();
    CHECK(refused == 0);
    queue.flush();
    CHECK(queue.delivered() == 20000);
    CHECK(queue.dropped() == 0);
  }
  REQUIRE(seen.size() == 20000);
  std::vector<int> last(4, -1);
  for (const int v : seen) {
    CHECK(v % 100000 > last[static_cast<std::size_t>(v / 100000)]);
    last[static_cast<std::size_t>(v / 100000)] = v % 100000;
  }
  CHECK(batches >= 1);
}

TEST_CASE("a full queue drops new entries and counts them, stop delivers the rest", "[detail]") {
  std::atomic<bool> release{false};
  std::atomic<std::size_t> delivered{0};
  auto queue = std::make_unique<vigil::detail::BatchQueue<int>>(
      10, 1, 1ms, [&](std::vector<int>&, std::size_t n) {
        while (!release) std::this_thread::sleep_for(1ms);
        delivered += n;
      });
  std::size_t accepted = 0;
  // The worker takes the first entries and blocks; then the queue fills and drops.
  while (queue->dropped() == 0) accepted += queue->push([](int& slot) { slot = 1; }) ? 1 : 0;
  const auto dropped = queue->dropped();
  release = true;
  queue.reset();
  CHECK(accepted >= 10);
  CHECK(delivered == accepted);
  CHECK(dropped == 1);
}

TEST_CASE("entries are delivered within the interval without a flush", "[detail]") {
  std::atomic<int> delivered{0};
  vigil::detail::BatchQueue<int> queue(
      100, 1000, 20ms, [&](std::vector<int>&, std::size_t n) { delivered += static_cast<int>(n); });
  queue.push([](int& slot) { slot = 1; });
  for (int i = 0; i < 500 && delivered == 0; ++i) std::this_thread::sleep_for(5ms);
  CHECK(delivered == 1);
}
