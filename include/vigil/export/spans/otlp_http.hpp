// vigil/export/spans/otlp_http.hpp — opt-in: OTLP/HTTP with JSON bodies to a collector
// (POST {endpoint}/v1/traces). Needs cpp-httplib (Debian libcpp-httplib-dev; link
// `pkg-config cpp-httplib`).
//
// The collector thread only encodes a batch and queues it; the sender thread of
// detail::HttpSender (http_sender.hpp) does the network I/O with bounded queueing, retries
// on 429/502/503/504 and a shutdown deadline, so neither the application nor the collector
// ever waits on it. Every dropped span is counted (stats()) and reported once.
// Endpoint: options, else OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (used as is), else
// OTEL_EXPORTER_OTLP_ENDPOINT + "/v1/traces", else http://localhost:4318/v1/traces.
// Thread-safety: export/flush/shutdown from the collector; stats() from any thread.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "vigil/config.hpp"
#include "vigil/detail/http_sender.hpp"
#include "vigil/export/spans/otlp_json.hpp"
#include "vigil/trace/tracer.hpp"

VIGIL_NAMESPACE_BEGIN

struct OtlpHttpOptions : HttpDeliveryOptions {
  std::string endpoint;  // full traces URL; empty: from the environment (see above)
};

struct OtlpHttpStats {
  std::uint64_t spans_sent = 0;
  std::uint64_t spans_dropped = 0;  // queue full, retries exhausted, rejected or abandoned
  std::uint64_t requests_sent = 0;
  std::uint64_t retries = 0;
};

namespace detail {

inline std::string traces_endpoint(const std::string& configured) {
  if (!configured.empty()) return configured;
  if (const char* traces = std::getenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"); traces && *traces)
    return traces;
  std::string base = "http://localhost:4318";
  if (const char* endpoint = std::getenv("OTEL_EXPORTER_OTLP_ENDPOINT"); endpoint && *endpoint)
    base = endpoint;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/v1/traces";
}

}  // namespace detail

class OtlpHttpExporter : public SpanExporter {
 public:
  explicit OtlpHttpExporter(OtlpHttpOptions options = {})
      : sender_(detail::traces_endpoint(options.endpoint), options, "otlp http", "spans") {}

  void export_spans(const std::vector<SpanData>& spans, const Resource& resource) override {
    std::string body;
    append_otlp_trace_request(body, spans, resource);
    sender_.enqueue(std::move(body), spans.size());
  }

  /// Waits until everything queued was sent or given up, at most the shutdown deadline.
  void flush() override { sender_.flush(); }

  void shutdown() override { sender_.shutdown(); }

  OtlpHttpStats stats() const {
    const HttpDeliveryStats delivery = sender_.stats();
    return {delivery.items_sent, delivery.items_dropped, delivery.requests_sent, delivery.retries};
  }

  const std::string& url() const { return sender_.url(); }

 private:
  detail::HttpSender sender_;
};

VIGIL_NAMESPACE_END
