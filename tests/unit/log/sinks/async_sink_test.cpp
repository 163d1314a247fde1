// AsyncSink: lines reach the inner sink on another thread, flush() waits for them, a full
// queue drops and counts, destruction delivers the rest.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "capture.hpp"
#include "vigil/runtime.hpp"

namespace {
struct SlowLines : vigil::LineSink {
  std::mutex mutex;
  std::vector<std::string> batches;
  std::thread::id writer;
  std::atomic<bool> hold{false};
  void format(const vigil::LogRecord& r, std::string& out) override {
    out += r.message;
    out += '\n';
  }
  void write_lines(std::string_view lines) override {
    while (hold) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::lock_guard<std::mutex> lock(mutex);
    writer = std::this_thread::get_id();
    batches.emplace_back(lines);
  }
  std::size_t lines() {
    std::lock_guard<std::mutex> lock(mutex);
    std::size_t n = 0;
    for (const auto& b : batches)
      n += static_cast<std::size_t>(std::count(b.begin(), b.end(), '\n'));
    return n;
  }
};
}  // namespace

TEST_CASE("lines are written by the worker, and flush waits for them", "[log]") {
  vigil_test::LogCapture capture;
  auto inner = std::make_shared<SlowLines>();
  vigil::set_log_sinks({std::make_shared<vigil::AsyncSink>(inner)});
  for (int i = 0; i < 1000; ++i) VIGIL_LOG_INFO("RUN", "line {}", i);
  vigil::flush_logs();
  CHECK(inner->lines() == 1000);
  CHECK(inner->writer != std::this_thread::get_id());
  CHECK(inner->batches.size() < 1000);
}

TEST_CASE("a full queue drops, counts, and never blocks the caller", "[log]") {
  std::vector<std::string> told;
  vigil::set_report_handler([&told](const std::string& m) { told.push_back(m); });
  auto inner = std::make_shared<SlowLines>();
  inner->hold = true;
  vigil::AsyncOptions options;
  options.max_queued_lines = 100;
  options.batch_lines = 10;
  std::uint64_t dropped = 0;
  vigil::set_log_delivery(vigil::LogDelivery::caller);  // the callers fill the queue
  {
    vigil_test::LogCapture capture;
    auto async = std::make_shared<vigil::AsyncSink>(inner, options);
    vigil::set_log_sinks({async});
    for (int i = 0; i < 5000; ++i) VIGIL_LOG_INFO("RUN", "x");
    dropped = async->dropped();
    inner->hold = false;
  }
  vigil::set_log_delivery(vigil::LogDelivery::background);
  vigil::set_report_handler(nullptr);
  CHECK(dropped >= 5000 - 2 * 100);  // one batch held by the worker, one full queue
  CHECK(inner->lines() + dropped == 5000);
  REQUIRE(told.size() == 2);
  CHECK(told[0].find("queue full") != std::string::npos);
  CHECK(told[1].find(std::to_string(dropped) + " lines were dropped") != std::string::npos);
}
