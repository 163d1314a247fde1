// vigil/trace/span_exporter.hpp — the interface every span exporter implements.
//
// Thread-safety: the collector calls an exporter from one thread at a time (its background
// thread, or the thread calling flush()/shutdown()), never concurrently, so implementations
// need no locking of their own for these calls.
#pragma once

#include <vector>

#include "vigil/common/resource.hpp"
#include "vigil/config.hpp"
#include "vigil/trace/span_data.hpp"

VIGIL_NAMESPACE_BEGIN

class SpanExporter {
 public:
  virtual ~SpanExporter() = default;
  /// A batch of finished spans, children usually before their parents.
  virtual void export_spans(const std::vector<SpanData>& spans, const Resource& resource) = 0;
  /// Make everything received so far durable/visible.
  virtual void flush() {}
  /// Last call before the exporter is detached.
  virtual void shutdown() { flush(); }
};

VIGIL_NAMESPACE_END
