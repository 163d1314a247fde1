// vigil/export/otlp_http.hpp — opt-in: OTLP/HTTP with JSON bodies to a collector
// (POST {endpoint}/v1/traces). Needs cpp-httplib (Debian libcpp-httplib-dev; link
// `pkg-config cpp-httplib`).
//
// The collector thread only encodes a batch and queues it; a sender thread of this exporter
// does the network I/O, so neither the application nor the collector ever waits on it.
// Failed requests are retried with exponential backoff on connection errors and on 429,
// 502, 503 and 504 (the codes OTLP calls retryable); other answers drop the batch. The queue
// is bounded: a full queue drops the new batch. Every dropped span is counted (stats()) and
// reported once. shutdown() keeps sending until the queue is empty or its deadline passes,
// then abandons the rest and says how many spans were not delivered.
// Endpoint: options, else OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (used as is), else
// OTEL_EXPORTER_OTLP_ENDPOINT + "/v1/traces", else http://localhost:4318/v1/traces.
// Thread-safety: export/flush/shutdown from the collector; stats() from any thread.
#pragma once

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "vigil/config.hpp"
#include "vigil/detail/report.hpp"
#include "vigil/export/exporter.hpp"
#include "vigil/export/otlp_json.hpp"

VIGIL_NAMESPACE_BEGIN

struct OtlpHttpOptions {
  std::string endpoint;  // full traces URL; empty: from the environment (see above)
  std::chrono::milliseconds timeout{10000};  // connect, and then read, per attempt
  int max_attempts = 5;
  std::chrono::milliseconds initial_backoff{100};
  std::chrono::milliseconds max_backoff{5000};
  std::size_t max_queued_batches = 64;
  std::chrono::milliseconds shutdown_deadline{5000};
};

struct OtlpHttpStats {
  std::uint64_t spans_sent = 0;
  std::uint64_t spans_dropped = 0;  // queue full, retries exhausted, rejected or abandoned
  std::uint64_t requests_sent = 0;
  std::uint64_t retries = 0;
};

namespace detail {

struct HttpTarget {
  std::string origin;  // scheme://host:port
  std::string path;
};

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

inline HttpTarget split_url(const std::string& url) {
  const std::size_t scheme = url.find("://");
  const std::size_t path = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (path == std::string::npos) return {url, "/"};
  return {url.substr(0, path), url.substr(path)};
}

inline bool retryable_status(int status) {
  return status == 429 || status == 502 || status == 503 || status == 504;
}

}  // namespace detail

class OtlpHttpExporter : public SpanExporter {
 public:
  explicit OtlpHttpExporter(OtlpHttpOptions options = {})
      : options_(std::move(options)),
        url_(detail::traces_endpoint(options_.endpoint)),
        target_(detail::split_url(url_)),
        client_(target_.origin) {
    const auto timeout =
        std::chrono::duration_cast<std::chrono::microseconds>(options_.timeout).count();
    client_.set_connection_timeout(timeout / 1000000, timeout % 1000000);
    client_.set_read_timeout(timeout / 1000000, timeout % 1000000);
    client_.set_write_timeout(timeout / 1000000, timeout % 1000000);
    sender_ = std::thread([this] { run(); });
  }

  ~OtlpHttpExporter() override { stop_sender(); }
  OtlpHttpExporter(const OtlpHttpExporter&) = delete;
  OtlpHttpExporter& operator=(const OtlpHttpExporter&) = delete;

  void export_spans(const std::vector<SpanData>& spans, const Resource& resource) override {
    Batch batch{std::string(), spans.size()};
    append_otlp_trace_request(batch.body, spans, resource);
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_ || queue_.size() >= options_.max_queued_batches) {
      drop(batch.spans, "its queue is full (the collector is slower than the spans)");
      return;
    }
    queue_.push_back(std::move(batch));
    wake_.notify_all();
  }

  /// Waits until everything queued was sent or given up, at most the shutdown deadline.
  void flush() override {
    std::unique_lock<std::mutex> lock(mutex_);
    idle_.wait_for(lock, options_.shutdown_deadline,
                   [this] { return queue_.empty() && !in_flight_; });
  }

  void shutdown() override {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      idle_.wait_for(lock, options_.shutdown_deadline,
                     [this] { return queue_.empty() && !in_flight_; });
    }
    stop_sender();
    const OtlpHttpStats totals = stats();
    if (totals.spans_dropped > 0) {
      detail::report("otlp http: " + std::to_string(totals.spans_dropped) + " of " +
                     std::to_string(totals.spans_dropped + totals.spans_sent) +
                     " spans were not delivered to " + url_);
    }
  }

  OtlpHttpStats stats() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return stats_;
  }

  const std::string& url() const { return url_; }

 private:
  struct Batch {
    std::string body;
    std::size_t spans;
  };

  void stop_sender() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stopping_ && !sender_.joinable()) return;
      stopping_ = true;
      for (const Batch& batch : queue_) stats_.spans_dropped += batch.spans;
      queue_.clear();
    }
    wake_.notify_all();
    client_.stop();  // abandons a request in flight
    if (sender_.joinable()) sender_.join();
  }

  void run() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (true) {
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) break;
      Batch batch = std::move(queue_.front());
      queue_.pop_front();
      in_flight_ = true;
      lock.unlock();
      const bool sent = send(batch);
      lock.lock();
      in_flight_ = false;
      if (sent) {
        stats_.spans_sent += batch.spans;
      }
      idle_.notify_all();
    }
    in_flight_ = false;
    idle_.notify_all();
  }

  // Sends one batch with retries; false when it was dropped (and counted).
  bool send(const Batch& batch) {
    auto backoff = options_.initial_backoff;
    for (int attempt = 1;; ++attempt) {
      const httplib::Result result = client_.Post(target_.path, batch.body, "application/json");
      std::unique_lock<std::mutex> lock(mutex_);
      ++stats_.requests_sent;
      if (result && result->status >= 200 && result->status < 300) return true;
      const bool retryable = !result || detail::retryable_status(result->status);
      const std::string why = result ? "HTTP " + std::to_string(result->status)
                                     : "connection failed: " + httplib::to_string(result.error());
      if (!retryable || attempt >= options_.max_attempts || stopping_) {
        drop(batch.spans,
             why + (retryable ? " after " + std::to_string(attempt) + " attempts" : ""));
        return false;
      }
      ++stats_.retries;
      // Sleeps through the backoff unless shutdown asks to stop.
      if (wake_.wait_for(lock, backoff, [this] { return stopping_; })) {
        drop(batch.spans, why + ", then shutdown came before the next attempt");
        return false;
      }
      backoff = std::min(backoff * 2, options_.max_backoff);
    }
  }

  void drop(std::size_t spans, const std::string& why) {
    stats_.spans_dropped += spans;
    detail::report_once("otlp-http:" + url_, "otlp http: dropping spans for " + url_ + ": " + why +
                                                 " (counted; later failures are not repeated)");
  }

  OtlpHttpOptions options_;
  std::string url_;
  detail::HttpTarget target_;
  httplib::Client client_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::deque<Batch> queue_;
  bool in_flight_ = false;
  bool stopping_ = false;
  OtlpHttpStats stats_;
  std::thread sender_;
};

VIGIL_NAMESPACE_END
