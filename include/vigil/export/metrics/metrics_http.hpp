// vigil/export/metrics/metrics_http.hpp — opt-in: the scrape endpoint. Needs cpp-httplib (Debian
// libcpp-httplib-dev; link `pkg-config cpp-httplib`).
//
//   GET /metrics          OpenMetrics 1.0 with exemplars when the Accept header asks for
//                         application/openmetrics-text (Prometheus does), else text 0.0.4;
//                         vigil's own vigil_* series are brought up to date first
//   GET /metrics/summary  JSON summary (uptime, totals, P50/P95/P99)
//   GET /health           {"status":"ok","uptime_seconds":...}
//   GET /liveness         {"status":"alive"}
//   GET /readiness        200 {"status":"ready"}, or 503 until set_ready(true)
// Binds 127.0.0.1 unless told otherwise (port 0 picks a free one). Bodies over
// max_request_bytes get 413; malformed requests get 400 from the HTTP layer; other paths 404.
// The server answers from its own thread; a scrape reads the registry while the
// application keeps recording.
// Thread-safety: start/stop from one thread; set_ready from any.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "vigil/config.hpp"
#include "vigil/detail/json.hpp"
#include "vigil/detail/report.hpp"
#include "vigil/export/metrics/metrics_json.hpp"
#include "vigil/export/metrics/prometheus_text.hpp"
#include "vigil/export/metrics/self_metrics.hpp"

VIGIL_NAMESPACE_BEGIN

struct MetricsServerOptions {
  std::string host = "127.0.0.1";
  int port = 9464;  // the OpenTelemetry Prometheus exporter's default; 0: any free port
  std::size_t max_request_bytes = 8192;
  bool ready = true;  // what /readiness answers until set_ready()
};

class MetricsServer {
 public:
  explicit MetricsServer(MetricsServerOptions options = {})
      : options_(std::move(options)), ready_(options_.ready) {
    server_.set_payload_max_length(options_.max_request_bytes);
    server_.Get("/metrics", [](const httplib::Request& request, httplib::Response& response) {
      publish_self_metrics();
      // Prometheus asks for OpenMetrics first; exemplars exist only there.
      if (request.get_header_value("Accept").find("application/openmetrics-text") !=
          std::string::npos) {
        response.set_content(openmetrics_text(),
                             "application/openmetrics-text; version=1.0.0; charset=utf-8");
      } else {
        response.set_content(prometheus_text(), "text/plain; version=0.0.4; charset=utf-8");
      }
    });
    server_.Get("/metrics/summary", [](const httplib::Request&, httplib::Response& response) {
      publish_self_metrics();
      response.set_content(metrics_json(), "application/json");
    });
    server_.Get("/health", [](const httplib::Request&, httplib::Response& response) {
      std::string body = "{\"status\":\"ok\",\"uptime_seconds\":";
      detail::append_json_number(body, detail::metric_registry().uptime_seconds());
      response.set_content(body + "}", "application/json");
    });
    server_.Get("/liveness", [](const httplib::Request&, httplib::Response& response) {
      response.set_content("{\"status\":\"alive\"}", "application/json");
    });
    server_.Get("/readiness", [this](const httplib::Request&, httplib::Response& response) {
      const bool ready = ready_.load(std::memory_order_relaxed);
      response.status = ready ? 200 : 503;
      response.set_content(ready ? "{\"status\":\"ready\"}" : "{\"status\":\"not ready\"}",
                           "application/json");
    });
  }

  ~MetricsServer() { stop(); }
  MetricsServer(const MetricsServer&) = delete;
  MetricsServer& operator=(const MetricsServer&) = delete;

  /// Binds and starts serving; false (reported once) when the address cannot be bound.
  bool start() {
    port_ = options_.port == 0
                ? server_.bind_to_any_port(options_.host)
                : (server_.bind_to_port(options_.host, options_.port) ? options_.port : -1);
    if (port_ <= 0) {
      detail::report_once("metrics-http:" + options_.host + ":" + std::to_string(options_.port),
                          "metrics endpoint: cannot listen on " + options_.host + ":" +
                              std::to_string(options_.port));
      return false;
    }
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // Until the loop runs, stop() could not reach it: wait for it (bounded).
    for (int i = 0; i < 1000 && !server_.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
  }

  void stop() {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }

  int port() const { return port_; }
  void set_ready(bool ready) { ready_.store(ready, std::memory_order_relaxed); }

 private:
  MetricsServerOptions options_;
  std::atomic<bool> ready_;
  httplib::Server server_;
  std::thread thread_;
  int port_ = -1;
};

VIGIL_NAMESPACE_END
