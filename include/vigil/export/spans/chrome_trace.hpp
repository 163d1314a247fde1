// vigil/export/spans/chrome_trace.hpp — writes spans as a Chrome trace-event JSON file, which
// Perfetto (ui.perfetto.dev), chrome://tracing and speedscope open.
//
// Each span is a complete event ("ph":"X") on its OS thread, with its attributes, run
// context, ids and status under "args"; span events are thread-scoped instant events
// ("ph":"i"). Times are microseconds (nanosecond decimals) since the exporter was created.
// The file is valid JSON after every batch: the closing bracket is rewritten behind the
// last event each time. An I/O error is reported once; later batches are still tried.
// Thread-safety: called by the collector only (see exporter.hpp).
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <unordered_set>
#include <vector>

#include <unistd.h>

#include "vigil/common/attribute_json.hpp"
#include "vigil/common/semconv.hpp"
#include "vigil/config.hpp"
#include "vigil/detail/clock.hpp"
#include "vigil/detail/json.hpp"
#include "vigil/detail/output_file.hpp"
#include "vigil/trace/tracer.hpp"

VIGIL_NAMESPACE_BEGIN

class ChromeTraceExporter : public SpanExporter {
 public:
  explicit ChromeTraceExporter(std::string path)
      : file_(std::move(path), "chrome trace"), origin_ns_(detail::system_ns()), pid_(::getpid()) {
    std::string header =
        "{\"displayTimeUnit\":\"ns\",\"otherData\":{\"producer\":\"vigil " VIGIL_VERSION_STRING
        "\",\"origin_unix_ns\":" +
        std::to_string(origin_ns_) + "},\"traceEvents\":[\n";
    trailer_ = "{\"ph\":\"M\",\"name\":\"vigil_end\",\"pid\":" + std::to_string(pid_) +
               ",\"tid\":0,\"args\":{}}\n]}\n";
    write_at_end(header);
  }

  void export_spans(const std::vector<SpanData>& spans, const Resource& resource) override {
    if (!file_.is_open()) return;
    std::string text;
    if (process_name_.empty()) {
      if (const auto* name = find(resource.attributes, semconv::kServiceName)) {
        process_name_ = std::get<std::string>(*name);
        append_metadata(text, "process_name", 0, process_name_);
      }
    }
    for (const auto& span : spans) {
      const std::uint64_t tid = span.thread->os_thread_id;
      if (named_threads_.insert(tid).second && !span.thread->name.empty()) {
        append_metadata(text, "thread_name", tid, span.thread->name);
      }
      append_span(text, span, tid);
    }
    write_at_end(text);
  }

  void flush() override { file_.flush(); }

 private:
  void append_span(std::string& out, const SpanData& span, std::uint64_t tid) {
    out += "{\"ph\":\"X\",\"name\":";
    detail::append_json_string(out, span.name);
    out += ",\"cat\":";
    detail::append_json_string(out, span.name.substr(0, span.name.find('.')));
    out += ",\"ts\":";
    append_micros(out, span.start_unix_ns - origin_ns_);
    out += ",\"dur\":";
    append_micros(out, span.duration_ns());
    append_ids(out, tid);
    out += ",\"args\":{\"trace_id\":\"" + span.trace_id.hex() + "\",\"span_id\":\"" +
           span.span_id.hex() + '"';
    if (span.parent_span_id.valid())
      out += ",\"parent_span_id\":\"" + span.parent_span_id.hex() + '"';
    out += ",\"kind\":\"";
    out += to_string(span.kind);
    out += '"';
    if (span.status != StatusCode::unset) {
      out += ",\"status\":\"";
      out += to_string(span.status);
      out += "\",\"status_message\":";
      detail::append_json_string(out, span.status_message);
    }
    append_attributes(out, *span.run_context);
    append_attributes(out, span.attributes);
    out += "}},\n";
    for (const auto& event : span.events) {
      out += "{\"ph\":\"i\",\"s\":\"t\",\"name\":";
      detail::append_json_string(out, event.name);
      out += ",\"ts\":";
      append_micros(out, event.time_unix_ns - origin_ns_);
      append_ids(out, tid);
      out += ",\"args\":{\"span_id\":\"" + span.span_id.hex() + '"';
      append_attributes(out, event.attributes);
      out += "}},\n";
    }
  }

  void append_ids(std::string& out, std::uint64_t tid) const {
    out += ",\"pid\":" + std::to_string(pid_) + ",\"tid\":" + std::to_string(tid);
  }

  static void append_attributes(std::string& out, const AttributeList& attributes) {
    for (const auto& attribute : attributes) {
      out += ',';
      detail::append_json_string(out, attribute.key);
      out += ':';
      detail::append_json_value(out, attribute.value);
    }
  }

  // Microseconds with exact nanosecond decimals (a double would round large values).
  static void append_micros(std::string& out, std::int64_t ns) {
    if (ns < 0) ns = 0;
    char text[32];
    std::snprintf(text, sizeof text, "%lld.%03lld", static_cast<long long>(ns / 1000),
                  static_cast<long long>(ns % 1000));
    out += text;
  }

  void append_metadata(std::string& out, const char* what, std::uint64_t tid,
                       const std::string& name) const {
    out += "{\"ph\":\"M\",\"name\":\"";
    out += what;
    out += '"';
    append_ids(out, tid);
    out += ",\"args\":{\"name\":";
    detail::append_json_string(out, name.empty() ? std::string("vigil") : name);
    out += "}},\n";
  }

  // Appends `text` after the last event and rewrites the closing bracket behind it. The
  // trailing metadata event makes the comma before it legal.
  void write_at_end(const std::string& text) {
    if (!file_.seek(body_end_) || !file_.write(text)) return;
    body_end_ += static_cast<long>(text.size());
    file_.write(trailer_);
  }

  detail::OutputFile file_;
  std::int64_t origin_ns_;
  long pid_;
  long body_end_ = 0;
  std::string trailer_;
  std::string process_name_;
  std::unordered_set<std::uint64_t> named_threads_;
};

VIGIL_NAMESPACE_END
