// Background delivery as programs meet it: the caller returns before any sink runs, records
// of many threads arrive whole and each thread's in order, a pass merges rings by tick, a
// full ring drops and counts, records of exited threads and of a fork()ed child are
// delivered, and caller delivery writes before the call returns. A program that simply exits:
// tests/integration/log_exit.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "capture.hpp"
#include "vigil/runtime.hpp"

namespace {

// Remembers which thread wrote each record; can hold the writer until released.
class WitnessSink : public vigil::LogSink {
 public:
  void write(const vigil::LogRecord& record) override {
    std::unique_lock<std::mutex> lock(mutex_);
    opened_.wait(lock, [this] { return open_; });
    writers_.push_back(std::this_thread::get_id());
    messages_.emplace_back(record.message);
  }
  void close() {
    std::lock_guard<std::mutex> lock(mutex_);
    open_ = false;
  }
  void open() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      open_ = true;
    }
    opened_.notify_all();
  }
  std::size_t size() {
    std::lock_guard<std::mutex> lock(mutex_);
    return writers_.size();
  }
  std::vector<std::thread::id> writers() {
    std::lock_guard<std::mutex> lock(mutex_);
    return writers_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable opened_;
  bool open_ = true;
  std::vector<std::thread::id> writers_;
  std::vector<std::string> messages_;
};

// Installs `sink` alone at the info level, and restores the defaults after.
class Installed {
 public:
  explicit Installed(std::shared_ptr<vigil::LogSink> sink) {
    vigil::reset_log_levels(vigil::Level::info);
    vigil::set_log_sinks({std::move(sink)});
  }
  ~Installed() {
    vigil::set_log_delivery(vigil::LogDelivery::background);
    vigil::set_log_sinks({});
    vigil::reset_log_levels();
  }
};

bool eventually(const std::function<bool()>& done) {
  for (int i = 0; i < 400 && !done(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  return done();
}

}  // namespace

TEST_CASE("the caller returns before the worker writes its record", "[log][worker]") {
  auto sink = std::make_shared<WitnessSink>();
  Installed installed(sink);
  VIGIL_LOG_INFO("GMM", "fitted", {"k", 3});
  REQUIRE(eventually([&] { return sink->size() == 1; }));  // no flush: the worker's pass
  CHECK(sink->writers().front() != std::this_thread::get_id());
}

TEST_CASE("caller delivery writes before the call returns", "[log][worker]") {
  auto sink = std::make_shared<WitnessSink>();
  Installed installed(sink);
  vigil::set_log_delivery(vigil::LogDelivery::caller);
  VIGIL_LOG_INFO("GMM", "fitted", {"k", 3});
  REQUIRE(sink->size() == 1);
  CHECK(sink->writers().front() == std::this_thread::get_id());
}

TEST_CASE("records of many threads arrive whole, each thread's in order", "[log][worker]") {
  vigil_test::LogCapture capture(vigil::Level::info);
  constexpr int kThreads = 4, kEach = 2000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t] {
      for (int i = 0; i < kEach; ++i)
        VIGIL_LOG_INFO("GMM", "step {}", i, {"thread", t}, {"seq", i});
    });
  }
  for (auto& thread : threads) thread.join();  // the threads exited: their rings remain
  const auto records = capture.records();
  REQUIRE(records.size() == kThreads * kEach);
  std::vector<int> next(kThreads, 0);
  bool in_order = true;
  for (const auto& record : records) {
    const auto t = std::get<std::int64_t>(vigil_test::attribute(record.fields, "thread"));
    const auto seq = std::get<std::int64_t>(vigil_test::attribute(record.fields, "seq"));
    in_order = in_order && seq == next[t]++;
  }
  CHECK(in_order);
  CHECK(records.back().message == "step " + std::to_string(kEach - 1));
}

std::vector<std::uint64_t> g_delivered_ticks;

TEST_CASE("a pass merges the rings by tick and leaves what was made after its limit",
          "[log][worker]") {
  using vigil::detail::LogThreadRing;
  g_delivered_ticks.clear();
  vigil::detail::LogWorker worker(
      [](vigil::detail::LogRecordView& view, const LogThreadRing&) {
        g_delivered_ticks.push_back(view.header.ticks);
      },
      [] {});
  auto first = std::make_shared<LogThreadRing>(1024, 1, true);
  auto second = std::make_shared<LogThreadRing>(1024, 2, true);
  worker.registry().add(first);
  worker.registry().add(second);
  const vigil::detail::ComponentState component{"GMM", vigil::Level::info};
  const auto push = [&component](LogThreadRing& ring, std::uint64_t tick) {
    REQUIRE(vigil::detail::push_log_record(
        ring, component, vigil::Level::info, vigil::Decoration::none, [tick] { return tick; }, {},
        "m", nullptr, 0));
  };
  for (std::uint64_t tick : {10, 40, 300, 50}) push(*first, tick);  // 50: a clock step back
  for (std::uint64_t tick : {20, 30, 200}) push(*second, tick);
  worker.pass(100);
  CHECK(g_delivered_ticks == std::vector<std::uint64_t>{10, 20, 30, 40});
  worker.flush();
  CHECK(g_delivered_ticks == std::vector<std::uint64_t>{10, 20, 30, 40, 200, 300, 50});
}

TEST_CASE("a record made inside a span is timed inside it", "[log][worker][trace]") {
  vigil_test::Capture spans;
  vigil_test::LogCapture logs(vigil::Level::info);
  {
    VIGIL_SPAN("fit.gmm");
    VIGIL_LOG_INFO("GMM", "inside");
  }
  const auto record = logs.only();
  const auto span = spans.only("fit.gmm");
  CHECK(record.trace_id == span.trace_id);
  CHECK(record.time_unix_ns >= span.start_unix_ns);
  CHECK(record.time_unix_ns <= span.end_unix_ns);
}

TEST_CASE("a full ring drops records and counts them; the rest arrive", "[log][worker]") {
  auto sink = std::make_shared<WitnessSink>();
  Installed installed(sink);
  const std::uint64_t dropped_before = vigil::detail::self_counters().log_records_dropped.load();
  VIGIL_LOG_INFO("GMM", "first");
  REQUIRE(eventually([&] { return sink->size() == 1; }));
  sink->close();  // the worker's next pass blocks in the sink
  VIGIL_LOG_WARN("GMM", "wakes the worker");
  constexpr int kRecords = 20000;  // several rings' worth
  for (int i = 0; i < kRecords; ++i) VIGIL_LOG_INFO("GMM", "fill", {"i", i});
  sink->open();
  vigil::flush_logs();
  const std::uint64_t dropped =
      vigil::detail::self_counters().log_records_dropped.load() - dropped_before;
  CHECK(dropped > 0);
  CHECK(sink->size() + dropped == kRecords + 2);
}

// The child's exit status, or -1 when it has not ended within `limit` (it is killed then).
int wait_for_child(pid_t pid, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::vector<std::string> lines_of(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST_CASE("a fork()ed child logs while another thread of the parent logs", "[log][worker][fork]") {
  vigil_test::LogCapture parent(vigil::Level::info);
  const auto& counters = vigil::detail::self_counters();
  const std::uint64_t dropped_before = counters.log_records_dropped.load();
  std::atomic<bool> stop{false};
  std::atomic<int> logged{0};
  std::thread busy([&] {
    while (!stop) {
      VIGIL_LOG_INFO("GMM", "busy");  // the worker is mid-pass at fork time
      ++logged;
    }
  });
  const std::string path = "worker_test_child.jsonl";
  for (int round = 0; round < 5; ++round) {
    const int at_least = logged + 200;
    while (logged < at_least) std::this_thread::yield();
    std::remove(path.c_str());
    const pid_t pid = ::fork();
    if (pid == 0) {
      vigil::set_log_sinks({std::make_shared<vigil::JsonSink>(path)});
      for (int i = 0; i < 3; ++i) VIGIL_LOG_INFO("GMM", "child", {"i", i});
#if !defined(__SANITIZE_THREAD__)  // ThreadSanitizer refuses threads started in such a child
      vigil::set_log_delivery(vigil::LogDelivery::background);
      VIGIL_LOG_INFO("GMM", "child", {"i", 3});
#endif
      vigil::flush_logs();
      ::_exit(0);  // not exit(): the test framework's state is the parent's (see log_exit)
    }
    REQUIRE(wait_for_child(pid, std::chrono::seconds(20)) == 0);
    const auto lines = lines_of(path);
#if !defined(__SANITIZE_THREAD__)
    CHECK(lines.size() == 4);
#else
    CHECK(lines.size() == 3);
#endif
    for (const auto& line : lines) CHECK(line.find("\"child\"") != std::string::npos);
  }
  stop = true;
  busy.join();
  VIGIL_LOG_INFO("GMM", "parent again");
  const auto records = parent.records();  // a busy thread outruns the worker: some dropped
  const std::uint64_t dropped = counters.log_records_dropped.load() - dropped_before;
  REQUIRE(records.size() + dropped == static_cast<std::size_t>(logged) + 1);
  CHECK(records.back().message == "parent again");
  std::remove(path.c_str());
}

TEST_CASE("a record too long for the ring arrives cut, and is counted", "[log][worker]") {
  vigil_test::LogCapture capture(vigil::Level::info);
  const auto& counters = vigil::detail::self_counters();
  const std::uint64_t before = counters.log_records_truncated.load();
  const std::string huge(10000, 'x');
  VIGIL_LOG_INFO("GMM", "dump", {"payload", huge}, {"after", 1});
  const auto record = capture.only();
  const auto& payload = std::get<std::string>(vigil_test::attribute(record.fields, "payload"));
  CHECK(payload.size() > 3000);
  CHECK(payload.size() < huge.size());
  CHECK(std::get<std::int64_t>(vigil_test::attribute(record.fields, "after")) == 1);
  CHECK(counters.log_records_truncated.load() == before + 1);
}
