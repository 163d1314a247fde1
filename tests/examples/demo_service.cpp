// vigil_demo_service — the seeds' TTS service in miniature, for tools/stack's service
// dashboard: POST /v1/synthesize (latency grows with the text; empty text is a 400; every
// 50th request fails with 500) and GET /v1/voices. Each request is a SERVER span, counted
// by route and status, timed in a histogram and measured against a 250 ms SLA. /metrics
// is served on its own port. --load R sends R requests per second to itself, so a
// dashboard has data without a client.
// usage: vigil_demo_service [--port N] [--metrics-port N] [--load R] [--seconds S]
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <thread>

#include "vigil/app/acm.hpp"
#include "vigil/export/metrics/metrics_http.hpp"
#include "vigil/runtime.hpp"
#include "vigil/signals.hpp"

namespace {

struct Options {
  int port = 8090;
  int metrics_port = 9465;
  double load = 20;
  double seconds = 0;  // 0: until SIGTERM/SIGINT
};

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const double value = std::atof(argv[i + 1]);
    if (flag == "--port") {
      options.port = static_cast<int>(value);
    } else if (flag == "--metrics-port") {
      options.metrics_port = static_cast<int>(value);
    } else if (flag == "--load") {
      options.load = value;
    } else if (flag == "--seconds") {
      options.seconds = value;
    } else {
      std::fprintf(stderr, "vigil_demo_service: unknown option %s\n", flag.c_str());
      std::exit(2);
    }
  }
  if (argc % 2 == 0) {
    std::fprintf(stderr, "vigil_demo_service: %s wants a value\n", argv[argc - 1]);
    std::exit(2);
  }
  return options;
}

// Counts and times one request by route and status. Handles are bound once: a request
// costs relaxed adds, not a registry lookup.
class RequestMetrics {
 public:
  // The statuses a route answers start at zero, so that rates and ratios exist from the
  // first scrape rather than from the first error.
  explicit RequestMetrics(std::string route) : route_(std::move(route)) {
    for (int status : {200, 400, 500}) requests_.emplace(status, bind(status));
  }
  void record(int status, double seconds) const {
    const auto found = requests_.find(status);
    (found != requests_.end() ? found->second : bind(status)).inc();
    duration_.record(seconds);
    sla_.record(seconds);
  }

 private:
  vigil::Counter bind(int status) const {
    return vigil::counter("http_server_requests_total",
                          {{"route", route_}, {"status", std::to_string(status)}},
                          "Requests served, by route and status.");
  }

  std::string route_;
  std::map<int, vigil::Counter> requests_;
  vigil::Histogram duration_ =
      vigil::histogram("http_server_request_duration_seconds", {{"route", route_}},
                       vigil::default_seconds_buckets(), "Request latency, in seconds.");
  vigil::SlaTracker sla_{"tts_250ms", 0.25};
};

template <class Handler>
auto served(const RequestMetrics& metrics, Handler handler) {
  return [&metrics, handler](const httplib::Request& request, httplib::Response& response) {
    const auto start = std::chrono::steady_clock::now();
    {
      VIGIL_SPAN("serve.request", {"http.route", request.path});
      handler(request, response);
      if (response.status == -1) response.status = 200;  // what httplib sends when unset
      if (response.status >= 500) vigil::current_span().set_status(vigil::StatusCode::error);
    }
    metrics.record(response.status,
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  };
}

void synthesize(const httplib::Request& request, httplib::Response& response) {
  thread_local std::mt19937 random(std::random_device{}());
  if (request.body.empty()) {
    response.status = 400;
    response.set_content(R"({"error":"empty text"})", "application/json");
    return;
  }
  // About 1 ms per 4 characters, with a long tail.
  std::lognormal_distribution<double> jitter(0.0, 0.5);
  const double ms = static_cast<double>(request.body.size()) / 4.0 * jitter(random);
  std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(ms));
  static std::atomic<int> served{0};
  if (++served % 50 == 0) {  // 2%, deterministically, so a short run has errors to show
    response.status = 500;
    response.set_content(R"({"error":"vocoder failed"})", "application/json");
    VIGIL_LOG_ERROR("TTS", "vocoder failed",
                    {"chars", static_cast<std::int64_t>(request.body.size())});
    return;
  }
  response.set_content("{\"audio_ms\":" + std::to_string(request.body.size() * 60) + "}",
                       "application/json");
}

void load_itself(int port, double per_second, const std::atomic<bool>& stop) {
  httplib::Client client("127.0.0.1", port);
  std::mt19937 random(7);
  std::uniform_int_distribution<int> length(0, 600);
  const auto gap = std::chrono::duration<double>(1.0 / per_second);
  for (int i = 0; !stop.load(); ++i) {
    if (i % 10 == 0) {
      client.Get("/v1/voices");
    } else {
      client.Post("/v1/synthesize", std::string(static_cast<std::size_t>(length(random)), 'a'),
                  "text/plain");
    }
    std::this_thread::sleep_for(gap);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse(argc, argv);
  vigil::set_global_attribute("service.name", "vigil-demo-service");
  vigil::set_kind_for_prefix("serve", vigil::SpanKind::server);
  vigil::MetricsServer metrics({"127.0.0.1", options.metrics_port, 8192, true});
  httplib::Server server;
  if (!metrics.start() || !server.bind_to_port("127.0.0.1", options.port)) {
    std::fprintf(stderr, "vigil_demo_service: cannot listen on 127.0.0.1:%d or :%d\n", options.port,
                 options.metrics_port);
    return 2;
  }
  // Spans are recorded only while an exporter is attached; they feed the vigil_* series.
  vigil::add_exporter(std::make_shared<vigil::OtlpFileExporter>("/dev/null"));
  vigil::flush_on_signals();
  const RequestMetrics synthesize_metrics("/v1/synthesize"), voices_metrics("/v1/voices");
  server.Post("/v1/synthesize", served(synthesize_metrics, synthesize));
  server.Get("/v1/voices",
             served(voices_metrics, [](const httplib::Request&, httplib::Response& r) {
               r.set_content(R"(["en-GB-1","en-US-2"])", "application/json");
             }));
  std::thread listener([&server] { server.listen_after_bind(); });
  std::printf("serving http://127.0.0.1:%d/v1/synthesize, metrics on :%d\n", options.port,
              metrics.port());
  std::fflush(stdout);
  std::atomic<bool> stop{false};
  std::thread load;
  if (options.load > 0)
    load = std::thread(load_itself, options.port, options.load, std::cref(stop));
  if (options.seconds > 0) {
    std::this_thread::sleep_for(std::chrono::duration<double>(options.seconds));
  } else {
    listener.join();  // until a signal ends the process
  }
  stop = true;
  if (load.joinable()) load.join();
  server.stop();
  if (listener.joinable()) listener.join();
  vigil::shutdown();
  metrics.stop();
  return 0;
}
