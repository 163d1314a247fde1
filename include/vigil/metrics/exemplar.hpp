// vigil/metrics/exemplar.hpp — the trace behind a histogram bucket: one recent
// (trace_id, span_id, value) per bucket, shown by OpenMetrics so that a latency bucket in
// Grafana links to a trace.
//
// A slot is written by the one thread that owns its stripe (threads on shared stripes do
// not write exemplars) and read by exposition under a sequence lock: a read that overlaps a
// write is retried once, then skipped. Every field is an atomic, so there is no data race;
// release stores and acquire loads order the fields against the sequence (no fences, which
// ThreadSanitizer cannot follow).
// Thread-safety: as above. Hot-path cost: five relaxed stores and two sequence stores.
#pragma once

#include <atomic>
#include <cstdint>

#include "vigil/common/ids.hpp"
#include "vigil/config.hpp"
#include "vigil/metrics/stripes.hpp"

VIGIL_NAMESPACE_BEGIN

struct Exemplar {
  TraceId trace_id;
  SpanId span_id;
  double value = 0;
};

namespace detail {

class ExemplarSlot {
 public:
  void write(const Exemplar& e) noexcept {
    const std::uint32_t s = sequence_.load(std::memory_order_relaxed);
    sequence_.store(s + 1, std::memory_order_relaxed);  // odd: writing
    // A reader that sees any new field also sees the odd sequence written before it.
    trace_high_.store(e.trace_id.high, std::memory_order_release);
    trace_low_.store(e.trace_id.low, std::memory_order_release);
    span_.store(e.span_id.value, std::memory_order_release);
    value_.store(double_to_bits(e.value), std::memory_order_release);
    sequence_.store(s + 2, std::memory_order_release);
  }

  // False when never written, or a write overlapped both attempts.
  bool read(Exemplar& out) const noexcept {
    for (int attempt = 0; attempt < 2; ++attempt) {
      const std::uint32_t before = sequence_.load(std::memory_order_acquire);
      if (before == 0) return false;  // never written
      if (before % 2 != 0) continue;
      Exemplar e;
      // Acquire loads keep the sequence re-read below after them.
      e.trace_id = {trace_high_.load(std::memory_order_acquire),
                    trace_low_.load(std::memory_order_acquire)};
      e.span_id = {span_.load(std::memory_order_acquire)};
      e.value = bits_to_double(value_.load(std::memory_order_acquire));
      if (sequence_.load(std::memory_order_relaxed) == before) {
        out = e;
        return true;
      }
    }
    return false;
  }

 private:
  std::atomic<std::uint32_t> sequence_{0};
  std::atomic<std::uint64_t> trace_high_{0}, trace_low_{0}, span_{0}, value_{0};
};

}  // namespace detail
VIGIL_NAMESPACE_END
