// vigil/export/spans/memory.hpp — keeps finished spans in memory, for tests and tools.
//
// Thread-safety: export_spans (collector) and the accessors (any thread) share a mutex.
// Memory grows with every span until clear(): not for production.
#pragma once

#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

#include "vigil/config.hpp"
#include "vigil/trace/tracer.hpp"

VIGIL_NAMESPACE_BEGIN

class MemoryExporter : public SpanExporter {
 public:
  void export_spans(const std::vector<SpanData>& spans, const Resource& resource) override {
    std::lock_guard<std::mutex> lock(mutex_);
    spans_.insert(spans_.end(), spans.begin(), spans.end());
    resource_ = resource;
  }

  std::vector<SpanData> spans() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return spans_;
  }

  /// The first span named `name`, if any.
  std::optional<SpanData> find(std::string_view name) const {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& span : spans_) {
      if (span.name == name) return span;
    }
    return std::nullopt;
  }

  Resource resource() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return resource_;
  }

  void clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    spans_.clear();
  }

 private:
  mutable std::mutex mutex_;
  std::vector<SpanData> spans_;
  Resource resource_;
};

VIGIL_NAMESPACE_END
