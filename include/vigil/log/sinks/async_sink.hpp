// vigil/log/sinks/async_sink.hpp — moves a LineSink's writing to a thread of its own, so
// that slow I/O holds neither the log worker nor, in caller delivery, the caller.
//
//   vigil::add_log_sink(std::make_shared<vigil::AsyncSink>(
//       std::make_shared<vigil::JsonSink>("acm.log")));
//
// The thread that delivers the record formats the line (so the record's views need not
// outlive the call) and queues it; this sink's own thread writes batches. The queue is
// bounded in lines: when it is full the new line is dropped and counted, nothing waits for
// I/O. flush() returns once every line queued before it was written; destruction writes
// what is left and reports the drops.
// Cost: formatting plus one short lock and a copy of the line.
// Thread-safety: every member may be called from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "vigil/config.hpp"
#include "vigil/detail/batch_queue.hpp"
#include "vigil/detail/report.hpp"
#include "vigil/detail/self_counters.hpp"
#include "vigil/log/sinks/sink.hpp"

VIGIL_NAMESPACE_BEGIN

struct AsyncOptions {
  std::size_t max_queued_lines = 65536;
  std::size_t batch_lines = 512;  // the worker wakes once this many wait
  std::chrono::milliseconds interval{100};
};

class AsyncSink : public LogSink {
 public:
  explicit AsyncSink(std::shared_ptr<LineSink> inner, AsyncOptions options = {})
      : inner_(std::move(inner)),
        queue_(options.max_queued_lines, options.batch_lines, options.interval,
               [this](std::vector<std::string>& lines, std::size_t n) { deliver(lines, n); }) {}

  ~AsyncSink() override {
    queue_.stop();
    inner_->flush();
    if (const std::uint64_t lost = queue_.dropped(); lost > 0) {
      detail::report("async log sink: " + std::to_string(lost) +
                     " lines were dropped because its queue was full");
    }
  }

  void write(const LogRecord& record) override {
    thread_local std::string line;
    line.clear();
    inner_->format(record, line);
    if (!queue_.push([](std::string& entry) { entry.assign(line); })) {
      detail::count_log_records_dropped();
      detail::report_once("async-log-full",
                          "async log sink: queue full, dropping lines "
                          "(counted, reported at shutdown)");
    }
  }

  void flush() override {
    queue_.flush();
    inner_->flush();
  }

  bool console() const override { return inner_->console(); }

  std::uint64_t dropped() const { return queue_.dropped(); }

 private:
  void deliver(std::vector<std::string>& lines, std::size_t n) {
    batch_.clear();
    for (std::size_t i = 0; i < n; ++i) batch_ += lines[i];
    inner_->write_lines(batch_);
  }

  std::shared_ptr<LineSink> inner_;
  std::string batch_;  // worker only
  detail::BatchQueue<std::string> queue_;
};

VIGIL_NAMESPACE_END
