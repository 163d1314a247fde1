// vigil/log/json_line.hpp — one log record as one JSON object on one line.
//
//   {"ts":"2026-11-23T15:45:37.123456789Z","level":"info","component":"GMM",
//    "message":"fitted k=3","bic":-1234.5,"trace_id":"4bf9…","span_id":"00f0…",
//    "app":"acm","service":"acm-pipeline","equipment":"FD_FAN","run_id":"r42",
//    "session_id":"s1"}
//
// Fields follow the message under their own keys; a field whose key is taken by the record
// itself (level, trace_id, run_id...) is written as "field.<key>". trace_id and span_id
// appear inside spans only; Grafana's derived-field regex `"trace_id":"([a-f0-9]+)"`
// matches them. Then the context every record shares: app (service.namespace, else
// service.name), service (service.name), service.version when set, each run-context
// attribute under the last segment of its key (acm.equipment -> equipment), and the
// request context (session_id, request_id, user_id).
// Cost: that shared context is rendered once per thread and context, then copied; the
// timestamp's date part once per second. The context is recognised by the addresses of the
// resource and run context vigil hands out (never reused: the run contexts live as long as
// the process, a resource change bumps a version) and by the request context's serial.
// Thread-safety: append_json_line may run on many threads at once.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/common/attribute_json.hpp"
#include "vigil/common/resource.hpp"
#include "vigil/common/semconv.hpp"
#include "vigil/config.hpp"
#include "vigil/detail/civil_time.hpp"
#include "vigil/detail/json.hpp"
#include "vigil/detail/line_buffer.hpp"
#include "vigil/log/record.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

inline std::string_view last_key_segment(std::string_view key) {
  const std::size_t dot = key.rfind('.');
  return dot == std::string_view::npos ? key : key.substr(dot + 1);
}

inline const OwnedValue* resource_value(const Resource& resource, std::string_view key) {
  return find(resource.attributes, key);
}

// The app/service/run/request part of every line, for one combination of them.
class LogContextFragment {
 public:
  bool matches(const LogRecord& r, std::uint32_t resource_version) const {
    return r.resource == resource_ && r.run_context == run_context_ &&
           resource_version == resource_version_ &&
           (r.request == nullptr ? 0 : r.request->serial) == request_serial_;
  }

  void build(const LogRecord& r, std::uint32_t resource_version) {
    resource_ = r.resource;
    run_context_ = r.run_context;
    resource_version_ = resource_version;
    request_serial_ = r.request == nullptr ? 0 : r.request->serial;
    json_.clear();
    keys_.clear();
    signatures_ = 0;
    for (const std::string_view key : kRecordKeys) keep(key);
    const OwnedValue* service = resource_value(*r.resource, semconv::kServiceName);
    const OwnedValue* space = resource_value(*r.resource, "service.namespace");
    if (space != nullptr || service != nullptr) add("app", space != nullptr ? *space : *service);
    if (service != nullptr) add("service", *service);
    if (const OwnedValue* version = resource_value(*r.resource, semconv::kServiceVersion)) {
      add("version", *version);
    }
    for (const OwnedAttribute& a : *r.run_context) add(last_key_segment(a.key), a.value);
    if (r.request != nullptr) {
      for (const OwnedAttribute& a : r.request->attributes) add(a.key, a.value);
    }
  }

  bool taken(std::string_view key) const {
    if ((signatures_ & signature(key)) == 0) return false;  // the usual answer, cheaply
    for (const std::string& k : keys_) {
      if (k == key) return true;
    }
    return false;
  }

  const std::string& json() const { return json_; }

 private:
  static constexpr std::string_view kRecordKeys[] = {"ts", "level",    "component", "message",
                                                     "ok", "trace_id", "span_id"};

  // One bit of 64 per key, from its length and first byte: a one-word filter for taken().
  static std::uint64_t signature(std::string_view key) {
    const unsigned first = key.empty() ? 0 : static_cast<unsigned char>(key[0]);
    return std::uint64_t{1} << ((key.size() * 7 + first) & 63);
  }

  void keep(std::string_view key) {
    keys_.emplace_back(key);
    signatures_ |= signature(key);
  }

  void add(std::string_view key, const OwnedValue& value) {
    if (taken(key)) return;  // the record's own keys and the first context key win
    keep(key);
    json_ += ',';
    append_json_string(json_, key);
    json_ += ':';
    append_json_value(json_, value);
  }

  const Resource* resource_ = nullptr;
  const AttributeList* run_context_ = nullptr;
  std::uint32_t resource_version_ = 0;
  std::uint64_t request_serial_ = 0;
  std::string json_;
  std::vector<std::string> keys_;
  std::uint64_t signatures_ = 0;
};

}  // namespace detail

/// Appends `record` as one JSON line, '\n' included.
inline void append_json_line(std::string& out, const LogRecord& record) {
  thread_local detail::SecondCache clock;
  thread_local detail::LogContextFragment context;
  const std::uint32_t version = detail::g_resource_version.load(std::memory_order_acquire);
  if (!context.matches(record, version)) context.build(record, version);

  detail::LineBuffer line(out);
  line.put(R"({"ts":")");
  line.reserve(detail::SecondCache::kRfc3339Size);
  clock.write_rfc3339(line.cursor(), record.time_unix_ns);
  line.advance(detail::SecondCache::kRfc3339Size);
  line.put(R"(","level":")");
  line.put(level_name(record.level));
  line.put(R"(","component":)");
  detail::put_json_string(line, record.component);
  line.put(R"(,"message":)");
  detail::put_json_string(line, record.message);
  if (record.decoration == Decoration::ok) line.put(R"(,"ok":true)");
  record.for_each_field([&line](std::string_view key, AttributeValue value) {
    line.put(context.taken(key) ? std::string_view(R"(,"field.)") : std::string_view(R"(,")"));
    detail::put_json_escaped(line, key);
    line.put(R"(":)");
    detail::put_json_value(line, value);
  });
  if (record.trace_id.valid()) {
    line.put(R"(,"trace_id":")");
    line.reserve(32);
    detail::write_hex(record.trace_id.high, line.cursor());
    detail::write_hex(record.trace_id.low, line.cursor() + 16);
    line.advance(32);
    line.put(R"(","span_id":")");
    line.reserve(16);
    detail::write_hex(record.span_id.value, line.cursor());
    line.advance(16);
    line.put('"');
  }
  line.put(context.json());
  line.put("}\n");
}

VIGIL_NAMESPACE_END
