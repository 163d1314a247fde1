// vigil/log/sinks/memory_sink.hpp — keeps copies of the records, for tests.
// Thread-safety: every member may be called from any thread.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "vigil/common/attribute.hpp"
#include "vigil/config.hpp"
#include "vigil/log/runtime_link.hpp"
#include "vigil/log/sinks/sink.hpp"

VIGIL_NAMESPACE_BEGIN

/// A LogRecord that owns everything it holds.
struct StoredLogRecord {
  std::int64_t time_unix_ns = 0;
  Level level = Level::info;
  Decoration decoration = Decoration::none;
  std::string component;
  std::string message;
  AttributeList fields;
  TraceId trace_id;
  SpanId span_id;
  AttributeList run_context;
  AttributeList request;
  std::uint64_t thread_id = 0;
};

class MemoryLogSink : public LogSink {
 public:
  /// `console`: also receive the console-only decorations, as a console would.
  explicit MemoryLogSink(bool console = false) : console_(console) {}

  void write(const LogRecord& record) override {
    StoredLogRecord stored;
    stored.time_unix_ns = record.time_unix_ns;
    stored.level = record.level;
    stored.decoration = record.decoration;
    stored.component = std::string(record.component);
    stored.message = std::string(record.message);
    record.for_each_field([&stored](std::string_view key, AttributeValue value) {
      stored.fields.push_back({std::string(key), to_owned(value)});
    });
    stored.trace_id = record.trace_id;
    stored.span_id = record.span_id;
    if (record.run_context != nullptr) stored.run_context = *record.run_context;
    if (record.request != nullptr) stored.request = record.request->attributes;
    stored.thread_id = record.thread_id;
    std::lock_guard<std::mutex> lock(mutex_);
    records_.push_back(std::move(stored));
  }

  bool console() const override { return console_; }

  /// Everything logged before the call (what the log worker still held is delivered first).
  std::vector<StoredLogRecord> records() const {
    flush_logs();
    std::lock_guard<std::mutex> lock(mutex_);
    return records_;
  }

  void clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    records_.clear();
  }

 private:
  const bool console_;
  mutable std::mutex mutex_;
  std::vector<StoredLogRecord> records_;
};

VIGIL_NAMESPACE_END
