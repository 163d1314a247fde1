// tests/support/capture.hpp — attaches a MemoryExporter for one test and detaches it after,
// so tests sharing the process-wide collector see only their own spans.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "vigil/runtime.hpp"

namespace vigil_test {

class Capture {
 public:
  Capture() : exporter_(std::make_shared<vigil::MemoryExporter>()) {
    vigil::flush();
    vigil::add_exporter(exporter_);
  }
  ~Capture() { vigil::remove_exporter(exporter_); }
  Capture(const Capture&) = delete;
  Capture& operator=(const Capture&) = delete;

  /// Everything recorded so far, after a flush.
  std::vector<vigil::SpanData> spans() {
    vigil::flush();
    return exporter_->spans();
  }

  vigil::SpanData only(std::string_view name) {
    const auto all = spans();
    const vigil::SpanData* found = nullptr;
    int count = 0;
    for (const auto& span : all) {
      if (span.name == name) {
        found = &span;
        ++count;
      }
    }
    if (count != 1)
      throw std::runtime_error("expected exactly one span named " + std::string(name));
    return *found;
  }

 private:
  std::shared_ptr<vigil::MemoryExporter> exporter_;
};

/// Routes every log record to one MemoryLogSink for one test, at `level`, then restores
/// the previous sinks and the default levels.
class LogCapture {
 public:
  explicit LogCapture(vigil::Level level = vigil::Level::trace, bool console = false)
      : sink_(std::make_shared<vigil::MemoryLogSink>(console)), previous_(vigil::log_sinks()) {
    vigil::reset_log_levels(level);
    vigil::set_log_sinks({sink_});
  }
  ~LogCapture() {
    vigil::set_log_sinks(previous_);
    vigil::reset_log_levels();
  }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;

  std::vector<vigil::StoredLogRecord> records() const { return sink_->records(); }

  vigil::StoredLogRecord only() const {
    const auto all = records();
    if (all.size() != 1) {
      throw std::runtime_error("expected one log record, got " + std::to_string(all.size()));
    }
    return all.front();
  }

 private:
  std::shared_ptr<vigil::MemoryLogSink> sink_;
  vigil::LogSinks previous_;
};

inline const vigil::OwnedValue& attribute(const vigil::AttributeList& list, std::string_view key) {
  const vigil::OwnedValue* value = vigil::find(list, key);
  if (value == nullptr) throw std::runtime_error("missing attribute " + std::string(key));
  return *value;
}

}  // namespace vigil_test
