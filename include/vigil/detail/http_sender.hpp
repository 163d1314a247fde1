// vigil/detail/http_sender.hpp — opt-in: delivers request bodies to one HTTP endpoint from
// its own thread, for the exporters that push (OTLP/HTTP, Loki). Needs cpp-httplib.
//
// Bodies are queued (bounded: a full queue drops the new body) and POSTed in order. Failed
// requests are retried with exponential backoff on connection errors and on 429, 502, 503
// and 504; other answers drop the body. Every dropped item (span, log line) is counted and
// the first failure is reported once. shutdown() keeps sending until the queue is empty or
// its deadline passes, then abandons the rest and says how many items were not delivered.
// Thread-safety: every member may be called from any thread.
#pragma once

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#include "vigil/config.hpp"
#include "vigil/detail/report.hpp"
#include "vigil/detail/self_counters.hpp"

VIGIL_NAMESPACE_BEGIN

struct HttpDeliveryOptions {
  std::chrono::milliseconds timeout{10000};  // connect, and then read, per attempt
  int max_attempts = 5;
  std::chrono::milliseconds initial_backoff{100};
  std::chrono::milliseconds max_backoff{5000};
  std::size_t max_queued_batches = 64;
  std::chrono::milliseconds shutdown_deadline{5000};
};

struct HttpDeliveryStats {
  std::uint64_t items_sent = 0;
  std::uint64_t items_dropped = 0;  // queue full, retries exhausted, rejected or abandoned
  std::uint64_t requests_sent = 0;
  std::uint64_t retries = 0;
};

namespace detail {

struct HttpTarget {
  std::string origin;  // scheme://host:port
  std::string path;
};

inline HttpTarget split_url(const std::string& url) {
  const std::size_t scheme = url.find("://");
  const std::size_t path = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (path == std::string::npos) return {url, "/"};
  return {url.substr(0, path), url.substr(path)};
}

inline bool retryable_status(int status) {
  return status == 429 || status == 502 || status == 503 || status == 504;
}

class HttpSender {
 public:
  // `what` and `items` name the exporter and its unit in messages ("loki", "log lines");
  // items it gives up are also added to `losses` when given (vigil_log_records_dropped_total).
  HttpSender(std::string url, HttpDeliveryOptions options, std::string what, std::string items,
             httplib::Headers headers = {}, std::atomic<std::uint64_t>* losses = nullptr)
      : options_(options),
        url_(std::move(url)),
        target_(split_url(url_)),
        what_(std::move(what)),
        items_(std::move(items)),
        client_(target_.origin),
        losses_(losses) {
    const auto timeout =
        std::chrono::duration_cast<std::chrono::microseconds>(options_.timeout).count();
    client_.set_connection_timeout(timeout / 1000000, timeout % 1000000);
    client_.set_read_timeout(timeout / 1000000, timeout % 1000000);
    client_.set_write_timeout(timeout / 1000000, timeout % 1000000);
    client_.set_default_headers(std::move(headers));
    sender_ = std::thread([this] { run(); });
  }
  ~HttpSender() { stop(); }
  HttpSender(const HttpSender&) = delete;
  HttpSender& operator=(const HttpSender&) = delete;

  /// Queues `body` carrying `items` items; counts them dropped when the queue is full.
  void enqueue(std::string body, std::size_t items) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_ || queue_.size() >= options_.max_queued_batches) {
      drop(items, "its queue is full (the endpoint is slower than the producers)");
      return;
    }
    queue_.push_back({std::move(body), items});
    wake_.notify_all();
  }

  /// Waits until everything queued was sent or given up, at most the shutdown deadline.
  void flush() {
    std::unique_lock<std::mutex> lock(mutex_);
    idle_.wait_for(lock, options_.shutdown_deadline,
                   [this] { return queue_.empty() && !in_flight_; });
  }

  /// Flushes, stops the sender thread and reports what was not delivered.
  void shutdown() {
    flush();
    stop();
    const HttpDeliveryStats totals = stats();
    if (totals.items_dropped > 0) {
      report(what_ + ": " + std::to_string(totals.items_dropped) + " of " +
             std::to_string(totals.items_dropped + totals.items_sent) + " " + items_ +
             " were not delivered to " + url_);
    }
  }

  HttpDeliveryStats stats() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return stats_;
  }

  const std::string& url() const { return url_; }

 private:
  struct Batch {
    std::string body;
    std::size_t items;
  };

  void stop() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stopping_ && !sender_.joinable()) return;
      stopping_ = true;
      for (const Batch& batch : queue_) lose(batch.items);
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
      if (sent) stats_.items_sent += batch.items;
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
      const bool retryable = !result || retryable_status(result->status);
      const std::string why =
          result ? "HTTP " + std::to_string(result->status) + " " + result->body.substr(0, 200)
                 : "connection failed: " + httplib::to_string(result.error());
      if (!retryable || attempt >= options_.max_attempts || stopping_) {
        drop(batch.items,
             why + (retryable ? " after " + std::to_string(attempt) + " attempts" : ""));
        return false;
      }
      ++stats_.retries;
      // Sleeps through the backoff unless shutdown asks to stop.
      if (wake_.wait_for(lock, backoff, [this] { return stopping_; })) {
        drop(batch.items, why + ", then shutdown came before the next attempt");
        return false;
      }
      backoff = std::min(backoff * 2, options_.max_backoff);
    }
  }

  void lose(std::size_t items) {
    stats_.items_dropped += items;
    if (losses_ != nullptr) losses_->fetch_add(items, std::memory_order_relaxed);
  }

  void drop(std::size_t items, const std::string& why) {
    lose(items);
    count_exporter_error();
    report_once(what_ + "-http:" + url_, what_ + ": dropping " + items_ + " for " + url_ + ": " +
                                             why + " (counted; later failures are not repeated)");
  }

  HttpDeliveryOptions options_;
  std::string url_;
  HttpTarget target_;
  std::string what_;
  std::string items_;
  httplib::Client client_;
  std::atomic<std::uint64_t>* losses_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::deque<Batch> queue_;
  bool in_flight_ = false;
  bool stopping_ = false;
  HttpDeliveryStats stats_;
  std::thread sender_;
};

}  // namespace detail
VIGIL_NAMESPACE_END
