// LokiSink's client behaviour against an HTTP server in this process: batching, one
// stream per label set, opt-in trace labels and tenant header, retries, drops counted
// when the queue is full or Loki is unreachable, and a bounded shutdown.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "capture.hpp"
#include "vigil/log/sinks/loki_sink.hpp"
#include "vigil/runtime.hpp"

using namespace std::chrono_literals;

namespace {

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// Answers pushes with the statuses in `script` (then 204), keeping every body.
class FakeLoki {
 public:
  explicit FakeLoki(std::vector<int> script = {}) : script_(std::move(script)) {
    server_.Post("/loki/api/v1/push",
                 [this](const httplib::Request& request, httplib::Response& response) {
                   std::lock_guard<std::mutex> lock(mutex_);
                   bodies_.push_back(request.body);
                   tenants_.push_back(request.get_header_value("X-Scope-OrgID"));
                   response.status = calls_ < script_.size() ? script_[calls_] : 204;
                   ++calls_;
                 });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(1ms);
  }
  ~FakeLoki() {
    server_.stop();
    thread_.join();
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<std::string> bodies() {
    std::lock_guard<std::mutex> lock(mutex_);
    return bodies_;
  }
  std::vector<std::string> tenants() {
    std::lock_guard<std::mutex> lock(mutex_);
    return tenants_;
  }

 private:
  httplib::Server server_;
  std::vector<int> script_;
  std::mutex mutex_;
  std::vector<std::string> bodies_, tenants_;
  std::size_t calls_ = 0;
  int port_ = 0;
  std::thread thread_;
};

vigil::LokiOptions fast(const std::string& url) {
  vigil::LokiOptions options;
  options.url = url;
  options.batch_interval = 20ms;
  options.timeout = 300ms;
  options.initial_backoff = 10ms;
  options.max_attempts = 3;
  options.shutdown_deadline = 1500ms;
  return options;
}

}  // namespace

TEST_CASE("records are batched into pushes with one stream per label set", "[loki]") {
  FakeLoki loki;
  vigil_test::Capture spans;  // spans record only while an exporter listens
  vigil_test::LogCapture capture;
  auto options = fast(loki.url());
  options.tenant = "team-a";
  options.batch_interval = 10s;  // only the flush sends
  auto sink = std::make_shared<vigil::LokiSink>(options);
  vigil::set_log_sinks({sink});
  vigil::RunContextScope run({{"acm.equipment", "FD_FAN"}, {"acm.run_id", "r1"}});
  {
    VIGIL_SPAN("fit.gmm");
    for (int i = 0; i < 50; ++i) {
      VIGIL_LOG_INFO("GMM", "i={}", i);
      VIGIL_LOG_WARN("PCA", "i={}", i);
    }
  }
  VIGIL_LOG_STATUS("RUN", "console only");
  vigil::flush_logs();
  const auto bodies = loki.bodies();
  REQUIRE(bodies.size() == 1);
  CHECK(occurrences(bodies[0], R"({"stream":)") == 2);
  CHECK(occurrences(bodies[0], R"("component":"GMM","equipment":"FD_FAN","run_id":"r1")") == 1);
  CHECK(occurrences(bodies[0], R"("level":"warn")") == 1);
  CHECK(occurrences(bodies[0], R"(\"trace_id\":\")") == 100);  // inside the lines only
  CHECK(occurrences(bodies[0], R"("trace_id":")") == 0);
  CHECK(loki.tenants()[0] == "team-a");
  CHECK(sink->stats().lines_sent == 100);
}

TEST_CASE("trace labels only when asked, one stream per span", "[loki]") {
  FakeLoki loki;
  vigil_test::Capture spans;
  vigil_test::LogCapture capture;
  auto options = fast(loki.url());
  options.trace_labels = true;
  auto sink = std::make_shared<vigil::LokiSink>(options);
  vigil::set_log_sinks({sink});
  for (int i = 0; i < 3; ++i) {
    VIGIL_SPAN("score.batch");
    VIGIL_LOG_INFO("FUSE", "batch");
  }
  vigil::flush_logs();
  std::string all;
  for (const auto& body : loki.bodies()) all += body;
  CHECK(occurrences(all, R"(,"trace_id":")") == 3);
  CHECK(occurrences(all, R"({"stream":)") == 3);
  CHECK(loki.tenants()[0].empty());
}

TEST_CASE("a 429 is retried and the lines still arrive", "[loki]") {
  FakeLoki loki({429, 503});
  vigil_test::LogCapture capture;
  auto sink = std::make_shared<vigil::LokiSink>(fast(loki.url()));
  vigil::set_log_sinks({sink});
  VIGIL_LOG_INFO("RUN", "once");
  vigil::flush_logs();
  CHECK(loki.bodies().size() == 3);
  CHECK(sink->stats().lines_sent == 1);
  CHECK(sink->stats().lines_dropped == 0);
}

TEST_CASE("an unreachable Loki costs the caller nothing, and the loss is counted and told",
          "[loki]") {
  std::vector<std::string> told;
  vigil::set_report_handler([&told](const std::string& m) { told.push_back(m); });
  int port = 0;
  {
    httplib::Server probe;  // a port that was free a moment ago
    port = probe.bind_to_any_port("127.0.0.1");
  }
  vigil::LokiStats stats;
  const auto start = std::chrono::steady_clock::now();
  std::chrono::steady_clock::duration logging{};
  {
    vigil_test::LogCapture capture;
    auto sink = std::make_shared<vigil::LokiSink>(fast("http://127.0.0.1:" + std::to_string(port)));
    vigil::set_log_sinks({sink});
    for (int i = 0; i < 10; ++i) VIGIL_LOG_ERROR("SQL", "lost {}", i);
    logging = std::chrono::steady_clock::now() - start;
    vigil::flush_logs();
    stats = sink->stats();
  }
  const auto total = std::chrono::steady_clock::now() - start;
  vigil::set_report_handler(nullptr);
  CHECK(stats.lines_dropped == 10);
  CHECK(stats.lines_sent == 0);
  CHECK(logging < 1s);  // queued, not sent, by the caller
  CHECK(total < 10s);   // retries and shutdown are bounded
  REQUIRE(told.size() >= 1);
  CHECK(told[0].find("dropping log lines") != std::string::npos);
}

TEST_CASE("a full queue drops new lines and counts them", "[loki]") {
  FakeLoki loki;
  vigil_test::LogCapture capture;
  auto options = fast(loki.url());
  options.max_queued_lines = 10;
  options.batch_lines = 1000;
  options.batch_interval = 10s;
  auto sink = std::make_shared<vigil::LokiSink>(options);
  vigil::set_log_sinks({sink});
  for (int i = 0; i < 1000; ++i) VIGIL_LOG_INFO("RUN", "x");
  vigil::flush_logs();
  CHECK(sink->stats().lines_sent == 10);
  CHECK(sink->stats().lines_dropped == 990);
}
