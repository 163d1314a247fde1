// vigil/trace/stats.hpp — span bookkeeping since the process started (vigil::stats()).
//
// Invariant once flushed: spans_created == spans_exported + spans_dropped.
#pragma once

#include <cstdint>

#include "vigil/config.hpp"

VIGIL_NAMESPACE_BEGIN

struct TraceStats {
  std::uint64_t spans_created = 0;    // spans that ended while tracing was on
  std::uint64_t spans_exported = 0;   // delivered to the exporters
  std::uint64_t spans_dropped = 0;    // refused by a full buffer
  std::uint64_t records_dropped = 0;  // attributes/events/status refused or orphaned
};

VIGIL_NAMESPACE_END
