// vigil/log/sinks/loki_sink.hpp — opt-in: pushes records to Grafana Loki
// (POST {url}/loki/api/v1/push, JSON). Needs cpp-httplib (Debian libcpp-httplib-dev; link
// `pkg-config cpp-httplib`).
//
//   vigil::LokiOptions loki;
//   loki.url = "http://127.0.0.1:3100";
//   vigil::add_log_sink(std::make_shared<vigil::LokiSink>(loki));
//
// Streams are grouped by the labels app, level, component and, from the run context,
// equipment and run_id (options.context_labels); trace_id and span_id ride inside the
// line (json_line.hpp) and become labels only when options.trace_labels asks for them:
// each trace would otherwise be its own stream. The line is the JSON line, so
// `{app="acm"} | json` extracts every field.
// The emitting thread formats the line and queues it (bounded: a full queue drops and
// counts); a batching thread groups the queued lines into one push every
// options.batch_interval or options.batch_lines, and detail::HttpSender delivers it with
// retries. The caller never waits on the network. Destruction delivers what is queued
// (up to the shutdown deadline) and reports what was lost.
// Thread-safety: every member may be called from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vigil/common/attribute_json.hpp"
#include "vigil/common/resource.hpp"
#include "vigil/common/semconv.hpp"
#include "vigil/config.hpp"
#include "vigil/detail/batch_queue.hpp"
#include "vigil/detail/http_sender.hpp"
#include "vigil/detail/json.hpp"
#include "vigil/detail/number.hpp"
#include "vigil/detail/report.hpp"
#include "vigil/log/json_line.hpp"
#include "vigil/log/sinks/sink.hpp"

VIGIL_NAMESPACE_BEGIN

struct LokiOptions : HttpDeliveryOptions {
  std::string url = "http://127.0.0.1:3100";  // Loki's base URL; the push path is appended
  std::string app;  // the app label; empty: service.namespace, else service.name
  std::vector<std::string> context_labels{"equipment", "run_id"};  // run-context keys' last segment
  std::vector<std::pair<std::string, std::string>> labels;         // constant extra labels
  bool trace_labels = false;  // trace_id/span_id as labels too (one stream per trace)
  std::string tenant;         // X-Scope-OrgID, for a multi-tenant Loki
  std::size_t max_queued_lines = 65536;
  std::size_t batch_lines = 1000;
  std::chrono::milliseconds batch_interval{1000};
};

struct LokiStats {
  std::uint64_t lines_sent = 0;
  std::uint64_t lines_dropped = 0;  // queue full, or not delivered
  std::uint64_t pushes = 0;
};

class LokiSink : public LogSink {
 public:
  explicit LokiSink(LokiOptions options = {})
      : options_(std::move(options)),
        sender_(trimmed(options_.url) + "/loki/api/v1/push", options_, "loki", "log lines",
                tenant_header(options_.tenant), &detail::self_counters().log_records_dropped),
        queue_(options_.max_queued_lines, options_.batch_lines, options_.batch_interval,
               [this](std::vector<Entry>& entries, std::size_t n) { deliver(entries, n); }) {}

  ~LokiSink() override {
    queue_.stop();
    sender_.shutdown();
    if (const std::uint64_t lost = queue_.dropped(); lost > 0) {
      detail::report("loki: " + std::to_string(lost) +
                     " log lines were dropped because the queue was full");
    }
  }

  void write(const LogRecord& record) override {
    thread_local std::string line;
    line.clear();
    append_json_line(line, record);
    line.pop_back();  // Loki takes the line without its newline
    thread_local AppCache app;
    const std::string& app_label = options_.app.empty() ? app.of(*record.resource) : options_.app;
    const bool queued = queue_.push([&record, &app_label](Entry& entry) {
      entry.time_unix_ns = record.time_unix_ns;
      entry.level = record.level;
      entry.component = record.component;  // component names live as long as the process
      entry.run_context = record.run_context;
      entry.app.assign(app_label);
      entry.trace_id = record.trace_id;
      entry.span_id = record.span_id;
      entry.line.assign(line);
    });
    if (!queued) {
      detail::count_log_records_dropped();
      detail::report_once("loki-full:" + sender_.url(),
                          "loki: queue full, dropping log lines (counted, reported at shutdown)");
    }
  }

  /// Returns once every line queued before the call was pushed or given up.
  void flush() override {
    queue_.flush();
    sender_.flush();
  }

  LokiStats stats() const {
    const HttpDeliveryStats delivery = sender_.stats();
    return {delivery.items_sent, delivery.items_dropped + queue_.dropped(), delivery.requests_sent};
  }

 private:
  struct Entry {
    std::int64_t time_unix_ns = 0;
    Level level = Level::info;
    std::string_view component;
    const AttributeList* run_context = nullptr;  // run contexts are never freed
    std::string app;
    TraceId trace_id;
    SpanId span_id;
    std::string line;
  };

  static std::string trimmed(std::string url) {
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
  }

  static httplib::Headers tenant_header(const std::string& tenant) {
    if (tenant.empty()) return {};
    return {{"X-Scope-OrgID", tenant}};
  }

  // Label names allow [a-zA-Z0-9_] only, and no leading digit.
  static std::string label_name(std::string_view key) {
    std::string name;
    for (const char c : key) {
      const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
                        (c >= '0' && c <= '9' && !name.empty());
      name += word ? c : '_';
    }
    return name;
  }

  static std::string label_value(const OwnedValue& value) {
    std::string text;
    if (const auto* s = std::get_if<std::string>(&value)) return *s;
    detail::append_json_value(text, value);
    return text;
  }

  // The app label, derived again only when the resource changed.
  class AppCache {
   public:
    const std::string& of(const Resource& resource) {
      const std::uint32_t version = detail::g_resource_version.load(std::memory_order_acquire);
      if (&resource == resource_ && version == version_) return app_;
      resource_ = &resource;
      version_ = version;
      const OwnedValue* space = find(resource.attributes, "service.namespace");
      const OwnedValue* service = find(resource.attributes, semconv::kServiceName);
      app_ = space != nullptr     ? label_value(*space)
             : service != nullptr ? label_value(*service)
                                  : "unknown";
      return app_;
    }

   private:
    const Resource* resource_ = nullptr;
    std::uint32_t version_ = 0;
    std::string app_;
  };

  // The labels of `entry` as a JSON object, which also serves as the stream's key.
  std::string stream_of(const Entry& entry) const {
    std::vector<std::pair<std::string, std::string>> labels = options_.labels;
    labels.emplace_back("app", entry.app);
    labels.emplace_back("level", std::string(level_name(entry.level)));
    labels.emplace_back("component", std::string(entry.component));
    for (const OwnedAttribute& a : *entry.run_context) {
      const std::string_view key = detail::last_key_segment(a.key);
      for (const std::string& wanted : options_.context_labels) {
        if (key == wanted) labels.emplace_back(label_name(key), label_value(a.value));
      }
    }
    if (options_.trace_labels && entry.trace_id.valid()) {
      labels.emplace_back("trace_id", entry.trace_id.hex());
      labels.emplace_back("span_id", entry.span_id.hex());
    }
    std::string json = "{";
    for (const auto& [name, value] : labels) {
      if (json.size() > 1) json += ',';
      detail::append_json_string(json, name);
      json += ':';
      detail::append_json_string(json, value);
    }
    json += '}';
    return json;
  }

  // Worker thread: one push request for the batch, one stream per label set.
  void deliver(std::vector<Entry>& entries, std::size_t n) {
    std::map<std::string, std::vector<const Entry*>> streams;
    for (std::size_t i = 0; i < n; ++i) streams[stream_of(entries[i])].push_back(&entries[i]);
    std::string body = R"({"streams":[)";
    bool first_stream = true;
    for (const auto& [labels, members] : streams) {
      body += first_stream ? "" : ",";
      first_stream = false;
      body += R"({"stream":)";
      body += labels;
      body += R"(,"values":[)";
      for (std::size_t i = 0; i < members.size(); ++i) {
        body += i == 0 ? "[\"" : ",[\"";
        detail::append_integer(body, members[i]->time_unix_ns);
        body += "\",";
        detail::append_json_string(body, members[i]->line);
        body += ']';
      }
      body += "]}";
    }
    body += "]}";
    sender_.enqueue(std::move(body), n);
  }

  LokiOptions options_;
  detail::HttpSender sender_;
  detail::BatchQueue<Entry> queue_;
};

VIGIL_NAMESPACE_END
