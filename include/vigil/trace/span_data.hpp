// vigil/trace/span_data.hpp — a finished span as exporters receive it.
//
// The collector decodes ring records into SpanData: ids in their exported (W3C) form,
// times in unix-epoch nanoseconds, the kind resolved, every string owned.
// Thread-safety: a plain value; exporters get const references.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "vigil/common/attribute_list.hpp"
#include "vigil/common/ids.hpp"
#include "vigil/config.hpp"
#include "vigil/trace/kind.hpp"
#include "vigil/trace/site.hpp"
#include "vigil/trace/status.hpp"

VIGIL_NAMESPACE_BEGIN

struct SpanEvent {
  std::string name;
  std::int64_t time_unix_ns = 0;
  AttributeList attributes;
};

struct SpanLink {
  TraceId trace_id;
  SpanId span_id;
  AttributeList attributes;
};

struct ThreadInfo {
  std::uint64_t os_thread_id = 0;
  std::string name;
};

struct SpanData {
  TraceId trace_id;
  SpanId span_id;
  SpanId parent_span_id;  // invalid for a root span
  std::string name;
  SpanKind kind = SpanKind::internal;
  std::int64_t start_unix_ns = 0;
  std::int64_t end_unix_ns = 0;
  StatusCode status = StatusCode::unset;
  std::string status_message;
  AttributeList attributes;
  std::vector<SpanEvent> events;
  std::vector<SpanLink> links;
  bool sampled = true;         // false: exported only because its trace failed
  bool parent_remote = false;  // the parent span is in another process
  std::shared_ptr<const AttributeList> run_context;  // never null
  std::shared_ptr<const ThreadInfo> thread;          // never null
  const SourceSite* site = nullptr;                  // null for run-time names

  std::int64_t duration_ns() const { return end_unix_ns - start_unix_ns; }
};

VIGIL_NAMESPACE_END
