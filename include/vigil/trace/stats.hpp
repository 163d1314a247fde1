// vigil/trace/stats.hpp — span bookkeeping since the process started (vigil::stats()).
//
// Invariant once flushed: spans_created == spans_exported + spans_dropped +
// spans_sampled_out + spans_held (unsampled spans waiting for their trace's outcome) +
// spans_inherited (fork()ed children only).
#pragma once

#include <cstdint>

#include "vigil/config.hpp"

VIGIL_NAMESPACE_BEGIN

struct TraceStats {
  std::uint64_t spans_created = 0;      // spans that ended while tracing was on
  std::uint64_t spans_exported = 0;     // delivered to the exporters
  std::uint64_t spans_dropped = 0;      // refused by a full buffer
  std::uint64_t records_dropped = 0;    // attributes/events/status refused or orphaned
  std::uint64_t spans_sampled_out = 0;  // unsampled spans of traces that did not fail
  std::uint64_t spans_held = 0;         // unsampled spans waiting for their trace's outcome
  std::uint64_t spans_inherited = 0;    // in a fork()ed child: opened by the parent, which
                                        // exports them; ended here too
};

VIGIL_NAMESPACE_END
