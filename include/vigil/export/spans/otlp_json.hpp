// vigil/export/spans/otlp_json.hpp — spans as an OTLP ExportTraceServiceRequest in the OTLP/JSON
// encoding (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding).
//
// resourceSpans -> scopeSpans (scope "vigil") -> spans; ids as lowercase hex, field names
// in lowerCamelCase, enums as integers, 64-bit integers and times as decimal strings,
// attributes as typed AnyValues. A span's attributes are its own, then its run context,
// then code.function / code.filepath / code.lineno and thread.id / thread.name (keys stay
// unique: the first occurrence wins).
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/common/resource.hpp"
#include "vigil/config.hpp"
#include "vigil/detail/json.hpp"
#include "vigil/trace/span_data.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

// W3C flags plus OTLP's "is the parent remote" bits (SpanFlags in trace.proto).
constexpr std::uint32_t kOtlpSampled = 0x01;
constexpr std::uint32_t kOtlpHasIsRemote = 0x100;
constexpr std::uint32_t kOtlpIsRemote = 0x200;

inline void append_otlp_value(std::string& out, const OwnedValue& value) {
  if (const auto* i = std::get_if<std::int64_t>(&value)) {
    out += "{\"intValue\":\"" + std::to_string(*i) + "\"}";
  } else if (const auto* d = std::get_if<double>(&value)) {
    out += "{\"doubleValue\":";
    append_json_number(out, *d);
    out += '}';
  } else if (const auto* b = std::get_if<bool>(&value)) {
    out += *b ? "{\"boolValue\":true}" : "{\"boolValue\":false}";
  } else {
    out += "{\"stringValue\":";
    append_json_string(out, std::get<std::string>(value));
    out += '}';
  }
}

// Appends the attribute objects of `lists` to a JSON array being written, skipping keys
// already written; `first` tracks whether a comma is needed.
class OtlpAttributeWriter {
 public:
  explicit OtlpAttributeWriter(std::string& out) : out_(out) { out_ += '['; }
  ~OtlpAttributeWriter() { out_ += ']'; }
  OtlpAttributeWriter(const OtlpAttributeWriter&) = delete;
  OtlpAttributeWriter& operator=(const OtlpAttributeWriter&) = delete;

  void add(const AttributeList& list) {
    for (const auto& attribute : list) add(attribute.key, attribute.value);
  }

  void add(std::string_view key, const OwnedValue& value) {
    for (std::string_view seen : keys_) {
      if (seen == key) return;
    }
    keys_.push_back(key);
    if (keys_.size() > 1) out_ += ',';
    out_ += "{\"key\":";
    append_json_string(out_, key);
    out_ += ",\"value\":";
    append_otlp_value(out_, value);
    out_ += '}';
  }

 private:
  std::string& out_;
  std::vector<std::string_view> keys_;
};

inline void append_unix_nano(std::string& out, const char* field, std::int64_t ns) {
  out += ",\"";
  out += field;
  out += "\":\"" + std::to_string(ns < 0 ? 0 : ns) + '"';
}

inline void append_otlp_span(std::string& out, const SpanData& span) {
  out += "{\"traceId\":\"" + span.trace_id.hex() + "\",\"spanId\":\"" + span.span_id.hex() + '"';
  if (span.parent_span_id.valid()) out += ",\"parentSpanId\":\"" + span.parent_span_id.hex() + '"';
  const std::uint32_t flags = (span.sampled ? kOtlpSampled : 0) | kOtlpHasIsRemote |
                              (span.parent_remote ? kOtlpIsRemote : 0);
  out += ",\"flags\":" + std::to_string(flags) + ",\"name\":";
  append_json_string(out, span.name);
  out += ",\"kind\":" + std::to_string(static_cast<int>(span.kind));
  append_unix_nano(out, "startTimeUnixNano", span.start_unix_ns);
  append_unix_nano(out, "endTimeUnixNano", span.end_unix_ns);
  out += ",\"attributes\":";
  {
    OtlpAttributeWriter attributes(out);
    attributes.add(span.attributes);
    attributes.add(*span.run_context);
    if (span.site != nullptr) {
      attributes.add("code.function", std::string(span.site->function));
      attributes.add("code.filepath", std::string(span.site->file));
      attributes.add("code.lineno", static_cast<std::int64_t>(span.site->line));
    }
    attributes.add("thread.id", static_cast<std::int64_t>(span.thread->os_thread_id));
    if (!span.thread->name.empty()) attributes.add("thread.name", span.thread->name);
  }
  out += ",\"events\":[";
  for (std::size_t i = 0; i < span.events.size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"name\":";
    append_json_string(out, span.events[i].name);
    append_unix_nano(out, "timeUnixNano", span.events[i].time_unix_ns);
    out += ",\"attributes\":";
    OtlpAttributeWriter(out).add(span.events[i].attributes);
    out += '}';
  }
  out += "],\"links\":[";
  for (std::size_t i = 0; i < span.links.size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"traceId\":\"" + span.links[i].trace_id.hex() + "\",\"spanId\":\"" +
           span.links[i].span_id.hex() + "\",\"attributes\":";
    OtlpAttributeWriter(out).add(span.links[i].attributes);
    out += '}';
  }
  out += "],\"status\":{\"code\":" + std::to_string(static_cast<int>(span.status));
  if (!span.status_message.empty()) {
    out += ",\"message\":";
    append_json_string(out, span.status_message);
  }
  out += "}}";
}

}  // namespace detail

/// Appends one ExportTraceServiceRequest (no trailing newline).
inline void append_otlp_trace_request(std::string& out, const std::vector<SpanData>& spans,
                                      const Resource& resource) {
  out += "{\"resourceSpans\":[{\"resource\":{\"attributes\":";
  detail::OtlpAttributeWriter(out).add(resource.attributes);
  out += "},\"scopeSpans\":[{\"scope\":{\"name\":\"vigil\",\"version\":\"" VIGIL_VERSION_STRING
         "\"},\"spans\":[";
  for (std::size_t i = 0; i < spans.size(); ++i) {
    if (i > 0) out += ',';
    detail::append_otlp_span(out, spans[i]);
  }
  out += "]}]}]}";
}

VIGIL_NAMESPACE_END
