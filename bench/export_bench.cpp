// bench/export_bench.cpp — what a span costs the application while its OTLP/HTTP collector
// is unreachable (a closed port), stalled (a listener that never accepts), or answering
// 500/429: the same recorded span as BM_span_plain. The network is the exporter's sender
// thread's problem, so each ratio to BM_tsc_pair should match BM_span_plain_discarding's.
// The rss_growth_mb counter shows the bounded queue keeping memory flat.
#include <benchmark/benchmark.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>
#include <thread>

#include "floor.hpp"
#include "vigil/export/spans/otlp_http.hpp"
#include "vigil/runtime.hpp"

namespace {

double rss_mb() {
  long pages = 0, resident = 0;
  if (std::FILE* statm = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(statm, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(statm);
  }
  return static_cast<double>(resident) * static_cast<double>(::sysconf(_SC_PAGESIZE)) / 1048576.0;
}

void run_spans(benchmark::State& state, std::shared_ptr<vigil::SpanExporter> exporter) {
  vigil::configure({std::size_t{1} << 21, std::chrono::milliseconds(1)});
  vigil::add_exporter(exporter);
  const double rss_before = rss_mb();
  for (auto _ : state) {
    VIGIL_SPAN("bench.plain");
    benchmark::ClobberMemory();
  }
  state.counters["rss_growth_mb"] = rss_mb() - rss_before;
  vigil::remove_exporter(exporter);
}

vigil::OtlpHttpOptions failing_collector(int port) {
  vigil::OtlpHttpOptions options;
  options.endpoint = "http://127.0.0.1:" + std::to_string(port) + "/v1/traces";
  options.timeout = std::chrono::milliseconds(100);
  options.max_attempts = 2;
  options.initial_backoff = std::chrono::milliseconds(10);
  options.shutdown_deadline = std::chrono::milliseconds(200);
  return options;
}

void run_against(benchmark::State& state, int port) {
  auto exporter = std::make_shared<vigil::OtlpHttpExporter>(failing_collector(port));
  run_spans(state, exporter);
  exporter->shutdown();
  state.counters["http_dropped"] = static_cast<double>(exporter->stats().spans_dropped);
}

// A collector that takes connections into its backlog and never reads them.
class StalledListener {
 public:
  StalledListener() : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&address), length) != 0 || ::listen(fd_, 64) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      port_ = -1;
      return;
    }
    port_ = ntohs(address.sin_port);
  }
  ~StalledListener() { ::close(fd_); }
  int port() const { return port_; }

 private:
  int fd_;
  int port_ = -1;
};

// A collector that answers every POST with one status.
class AnsweringCollector {
 public:
  explicit AnsweringCollector(int status) {
    server_.Post("/v1/traces", [status](const httplib::Request&, httplib::Response& response) {
      response.status = status;
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~AnsweringCollector() {
    server_.stop();
    thread_.join();
  }
  int port() const { return port_; }

 private:
  httplib::Server server_;
  int port_ = -1;
  std::thread thread_;
};

class DiscardExporter : public vigil::SpanExporter {
 public:
  void export_spans(const std::vector<vigil::SpanData>&, const vigil::Resource&) override {}
};

void BM_span_plain_discarding(benchmark::State& state) {
  run_spans(state, std::make_shared<DiscardExporter>());
}
BENCHMARK(BM_span_plain_discarding)
    ->Iterations(500'000)
    ->Repetitions(9)
    ->DisplayAggregatesOnly(true);

void BM_span_plain_collector_down(benchmark::State& state) {
  run_against(state, 9);  // discard port: connection refused
}
BENCHMARK(BM_span_plain_collector_down)
    ->Iterations(500'000)
    ->Repetitions(9)
    ->DisplayAggregatesOnly(true);

void BM_span_plain_collector_stalled(benchmark::State& state) {
  const StalledListener listener;
  if (listener.port() < 0) return state.SkipWithError("no listening socket on 127.0.0.1");
  run_against(state, listener.port());
}
BENCHMARK(BM_span_plain_collector_stalled)
    ->Iterations(500'000)
    ->Repetitions(9)
    ->DisplayAggregatesOnly(true);

void BM_span_plain_collector_answers(benchmark::State& state) {
  const AnsweringCollector collector(static_cast<int>(state.range(0)));
  if (collector.port() < 0) return state.SkipWithError("no port for the collector");
  run_against(state, collector.port());
}
BENCHMARK(BM_span_plain_collector_answers)
    ->Arg(500)
    ->Arg(429)
    ->Iterations(500'000)
    ->Repetitions(9)
    ->DisplayAggregatesOnly(true);

}  // namespace

BENCHMARK_MAIN();
