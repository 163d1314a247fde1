// vigil/metrics/stage_histogram.hpp — every finished span feeds
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

#include "vigil/config.hpp"
#include "vigil/metrics/registry.hpp"
#include "vigil/trace/span_data.hpp"

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
      if (const OwnedValue* value = find(*list, "acm.equipment")) {
        if (const auto* text = std::get_if<std::string>(value)) return *text;
      }
    }
    return {};
  }

  std::unordered_map<std::string, Histogram> handles_;
};

}  // namespace detail
VIGIL_NAMESPACE_END
