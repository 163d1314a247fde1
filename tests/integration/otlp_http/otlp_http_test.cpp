// The OTLP/HTTP exporter against a real receiver on 127.0.0.1 (node, decoding every body
// with the OpenTelemetry protobuf schema): delivery, retries, a stalled and an absent
// collector.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "vigil/export/spans/otlp_http.hpp"
#include "vigil/runtime.hpp"

namespace {

const std::string kTools = VIGIL_OTLP_TOOLS_DIR;

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// receiver.mjs in a child process, stopped with SIGTERM.
class Receiver {
 public:
  explicit Receiver(std::vector<std::string> flags) {
    const std::string dir =
        "otlp_http_" + std::to_string(::getpid()) + "_" + std::to_string(++count_);
    port_file_ = dir + ".port";
    out_ = dir + ".jsonl";
    std::remove(port_file_.c_str());
    std::remove(out_.c_str());
    std::vector<std::string> args{
        "node", kTools + "/receiver.mjs", "--port-file", port_file_, "--out", out_};
    args.insert(args.end(), flags.begin(), flags.end());
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    REQUIRE(posix_spawnp(&pid_, "node", nullptr, nullptr, argv.data(), environ) == 0);
    for (int i = 0; i < 500 && port_.empty(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      port_ = read_file(port_file_);
      while (!port_.empty() && std::isspace(static_cast<unsigned char>(port_.back())))
        port_.pop_back();
    }
    REQUIRE_FALSE(port_.empty());
  }
  ~Receiver() {
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }

  std::string url() const { return "http://127.0.0.1:" + port_ + "/v1/traces"; }
  const std::string& out() const { return out_; }

 private:
  static inline int count_ = 0;
  pid_t pid_ = 0;
  std::string port_file_, out_, port_;
};

vigil::OtlpHttpOptions fast(std::string url) {
  vigil::OtlpHttpOptions options;
  options.endpoint = std::move(url);
  options.timeout = std::chrono::milliseconds(300);
  options.initial_backoff = std::chrono::milliseconds(20);
  options.max_attempts = 3;
  options.shutdown_deadline = std::chrono::milliseconds(1500);
  return options;
}

void record(int n) {
  VIGIL_SPAN("pipeline.run");
  for (int i = 0; i < n - 1; ++i) {
    VIGIL_SPAN("fit.gmm", {"i", i});
  }
}

}  // namespace

TEST_CASE("batches reach the collector and pass the OTLP schema", "[otlp][http]") {
  Receiver receiver({});
  auto exporter = std::make_shared<vigil::OtlpHttpExporter>(fast(receiver.url()));
  vigil::add_exporter(exporter);
  record(25);
  vigil::remove_exporter(exporter);
  const auto stats = exporter->stats();
  CHECK(stats.spans_sent == 25);
  CHECK(stats.spans_dropped == 0);
  CHECK(std::system(("node " + kTools + "/validate_otlp.mjs " + receiver.out() +
                     " --expect-spans 25 --expect-names pipeline.run,fit.gmm")
                        .c_str()) == 0);
}

TEST_CASE("503 answers are retried with backoff until accepted", "[otlp][http]") {
  Receiver receiver({"--fail-first", "2", "--fail-status", "503"});
  auto exporter = std::make_shared<vigil::OtlpHttpExporter>(fast(receiver.url()));
  vigil::add_exporter(exporter);
  record(3);
  vigil::remove_exporter(exporter);
  const auto stats = exporter->stats();
  CHECK(stats.retries == 2);
  CHECK(stats.spans_sent == 3);
  CHECK(stats.requests_sent == 3);
}

TEST_CASE("a stalled collector: timeouts, drops counted, shutdown within its deadline",
          "[otlp][http]") {
  Receiver receiver({"--stall"});
  std::vector<std::string> told;
  vigil::set_report_handler([&told](const std::string& message) { told.push_back(message); });
  auto options = fast(receiver.url());
  options.max_attempts = 1000;  // only the deadline can end it
  auto exporter = std::make_shared<vigil::OtlpHttpExporter>(options);
  vigil::add_exporter(exporter);
  record(4);
  vigil::flush();
  const auto start = std::chrono::steady_clock::now();
  exporter->shutdown();
  const auto took = std::chrono::steady_clock::now() - start;
  vigil::remove_exporter(exporter);
  vigil::set_report_handler(nullptr);
  CHECK(took >= std::chrono::milliseconds(1400));
  CHECK(took < std::chrono::milliseconds(1500 + 1000));
  CHECK(exporter->stats().spans_dropped == 4);
  CHECK(exporter->stats().spans_sent == 0);
  REQUIRE_FALSE(told.empty());
  CHECK(told.back().find("4 of 4 spans were not delivered") != std::string::npos);
}

TEST_CASE("an unreachable collector costs drops, not a stuck program", "[otlp][http]") {
  std::vector<std::string> told;
  vigil::set_report_handler([&told](const std::string& message) { told.push_back(message); });
  auto exporter = std::make_shared<vigil::OtlpHttpExporter>(fast("http://127.0.0.1:9/v1/traces"));
  vigil::add_exporter(exporter);
  record(2);
  vigil::flush();
  record(2);
  vigil::remove_exporter(exporter);
  exporter->shutdown();
  vigil::set_report_handler(nullptr);
  CHECK(exporter->stats().spans_dropped == 4);
  std::size_t connection_messages = 0;
  for (const auto& message : told)
    connection_messages += message.find("connection failed") != std::string::npos;
  CHECK(connection_messages == 1);  // told once, not per batch
}

TEST_CASE("the endpoint comes from the environment when not given", "[otlp][http]") {
  ::setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/", 1);
  CHECK(vigil::detail::traces_endpoint("") == "http://collector:4318/v1/traces");
  ::setenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://other:9999/custom", 1);
  CHECK(vigil::detail::traces_endpoint("") == "http://other:9999/custom");
  ::unsetenv("OTEL_EXPORTER_OTLP_ENDPOINT");
  ::unsetenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
  CHECK(vigil::detail::traces_endpoint("") == "http://localhost:4318/v1/traces");
  const auto target = vigil::detail::split_url("http://127.0.0.1:4318/v1/traces");
  CHECK(target.origin == "http://127.0.0.1:4318");
  CHECK(target.path == "/v1/traces");
}

TEST_CASE("a 500 answer is not retried: the batch is counted as dropped", "[otlp][http]") {
  Receiver receiver({"--fail-first", "1", "--fail-status", "500"});
  auto exporter = std::make_shared<vigil::OtlpHttpExporter>(fast(receiver.url()));
  vigil::add_exporter(exporter);
  record(3);
  vigil::remove_exporter(exporter);
  const auto stats = exporter->stats();
  CHECK(stats.retries == 0);
  CHECK(stats.requests_sent == 1);
  CHECK(stats.spans_dropped == 3);
  CHECK(stats.spans_sent == 0);
}

TEST_CASE("a stalled collector holds at most max_queued_batches; the rest is counted at once",
          "[otlp][http]") {
  Receiver receiver({"--stall"});
  std::vector<std::string> told;
  vigil::set_report_handler([&told](const std::string& message) { told.push_back(message); });
  auto options = fast(receiver.url());
  options.max_queued_batches = 2;
  options.shutdown_deadline = std::chrono::milliseconds(300);
  vigil::OtlpHttpExporter exporter(options);
  std::vector<vigil::SpanData> batch(1);
  batch[0].name = "fit.gmm";
  batch[0].run_context = std::make_shared<vigil::AttributeList>();
  batch[0].thread = std::make_shared<vigil::ThreadInfo>();
  for (int i = 0; i < 10; ++i) exporter.export_spans(batch, vigil::Resource{});
  // One batch may be in flight and two queued: whatever else arrived was refused on arrival.
  CHECK(exporter.stats().spans_dropped >= 7);
  exporter.shutdown();
  vigil::set_report_handler(nullptr);
  CHECK(exporter.stats().spans_dropped == 10);
  CHECK(exporter.stats().spans_sent == 0);
  std::size_t full = 0;
  for (const auto& message : told) full += message.find("queue is full") != std::string::npos;
  CHECK(full == 1);
}
