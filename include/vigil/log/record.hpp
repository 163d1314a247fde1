// vigil/log/record.hpp — the record sinks receive.
//
// A LogRecord is a view of one call (its LogArgs, log/arg.hpp) and of the context it ran
// in: sinks must copy what they keep (MemoryLogSink shows how).
// Thread-safety: plain values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "vigil/common/attribute_list.hpp"
#include "vigil/common/ids.hpp"
#include "vigil/common/request_context.hpp"
#include "vigil/common/resource.hpp"
#include "vigil/config.hpp"
#include "vigil/log/arg.hpp"
#include "vigil/log/level.hpp"
#include "vigil/log/level_names.hpp"

VIGIL_NAMESPACE_BEGIN

struct LogRecord {
  std::int64_t time_unix_ns = 0;
  Level level = Level::info;
  Decoration decoration = Decoration::none;
  std::string_view component;
  std::string_view message;      // `{}` already filled
  const LogArg* args = nullptr;  // the call's arguments; fields are those with is_field()
  std::size_t arg_count = 0;
  TraceId trace_id;  // invalid outside every span
  SpanId span_id;
  std::uint32_t run_context_generation = 0;
  const AttributeList* run_context = nullptr;  // never null once emitted
  const Resource* resource = nullptr;          // never null once emitted
  const RequestContext* request = nullptr;     // null outside every RequestScope
  std::uint64_t thread_id = 0;

  template <class Fn>
  void for_each_field(Fn&& fn) const {
    for (std::size_t i = 0; i < arg_count; ++i) {
      if (args[i].is_field()) fn(args[i].key(), args[i].value());
    }
  }
};

VIGIL_NAMESPACE_END
