#include "vigil/metrics/counter.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

#include "vigil/metrics/registry.hpp"

TEST_CASE("counters are exact under 16 threads, integer and double", "[metrics]") {
  const auto rows = vigil::counter("test_rows_total", {{"equipment", "FD_FAN"}});
  const auto seconds = vigil::counter("test_busy_seconds_total");
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 100000; ++i) {
        rows.add(3);
        seconds.add(0.5);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(rows.value() == 16.0 * 100000 * 3);
  CHECK(seconds.value() == 16.0 * 100000 * 0.5);
}

TEST_CASE("the same name and labels give the same series, in any label order", "[metrics]") {
  const auto a = vigil::counter("test_same_total", {{"a", "1"}, {"b", "2"}});
  const auto b = vigil::counter("test_same_total", {{"b", "2"}, {"a", "1"}});
  a.inc();
  b.add(2);
  CHECK(a.value() == 3);
  CHECK(vigil::counter("test_same_total", {{"a", "1"}, {"b", "3"}}).value() == 0);
}

TEST_CASE("counters refuse to go down, up-down counters do not", "[metrics]") {
  std::vector<std::string> told;
  vigil::set_report_handler([&told](const std::string& m) { told.push_back(m); });
  const auto c = vigil::counter("test_monotonic_total");
  c.add(5);
  c.add(-2);
  c.add(-1.5);
  vigil::set_report_handler(nullptr);
  CHECK(c.value() == 5);
  CHECK(told.size() == 1);
  const auto queue = vigil::updown_counter("test_queue_depth");
  queue.add(std::int64_t{4});
  queue.add(std::int64_t{-3});
  CHECK(queue.value() == 1);
}
