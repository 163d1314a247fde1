// vigil/app/stage_histogram.hpp — every finished span feeds
// acm_stage_duration_seconds{stage, parent, equipment}: stage is the span name, parent its
// first name segment, equipment the span's acm.equipment attribute or run context ("" when
// neither has it).
//
// Runs in the collector, off the application's path; handles are cached per label set.
// Thread-safety: used under the collector lock only.
#pragma once

#include <string>
#include <unordered_map>
#include <variant>

#include <memory>
#include <mutex>
#include <vector>

#include "vigil/common/semconv.hpp"
#include "vigil/config.hpp"
#include "vigil/metrics/registry.hpp"
#include "vigil/trace/span_data.hpp"
#include "vigil/trace/tracer.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

class StageHistograms {
 public:
  static constexpr const char* kName = "acm_stage_duration_seconds";

  void record(const SpanData& span) {
    const std::string equipment = equipment_of(span);
    std::string key = span.name;
    key += '\0';
    key += equipment;
    auto it = handles_.find(key);
    if (it == handles_.end()) {
      const std::string parent = span.name.substr(0, span.name.find('.'));
      it = handles_
               .emplace(
                   std::move(key),
                   histogram(kName,
                             {{"stage", span.name}, {"parent", parent}, {"equipment", equipment}},
                             default_seconds_buckets(),
                             "Duration of each pipeline stage (span), in seconds."))
               .first;
    }
    const double seconds = static_cast<double>(span.duration_ns()) * 1e-9;
    it->second.record(seconds, Exemplar{span.trace_id, span.span_id, seconds});
  }

 private:
  static std::string equipment_of(const SpanData& span) {
    for (const AttributeList* list : {&span.attributes, span.run_context.get()}) {
      if (const OwnedValue* value = find(*list, semconv::kEquipment)) {
        if (const auto* text = std::get_if<std::string>(value)) return *text;
      }
    }
    return {};
  }

  std::unordered_map<std::string, Histogram> handles_;
};

}  // namespace detail

class StageHistogramExporter final : public SpanExporter {
 public:
  void export_spans(const std::vector<SpanData>& spans, const Resource&) override {
    for (const SpanData& span : spans) histograms_.record(span);
  }

 private:
  detail::StageHistograms histograms_;
};

/// Feeds acm_stage_duration_seconds from every exported span from now on. Turns tracing on,
/// as any exporter does; a call while one is attached does nothing, and shutdown() detaches
/// it like every exporter.
inline void enable_stage_histogram() {
  static std::mutex mutex;
  static std::weak_ptr<StageHistogramExporter> attached;
  std::lock_guard<std::mutex> lock(mutex);
  if (!attached.expired()) return;
  auto exporter = std::make_shared<StageHistogramExporter>();
  attached = exporter;
  add_exporter(std::move(exporter));
}

VIGIL_NAMESPACE_END
