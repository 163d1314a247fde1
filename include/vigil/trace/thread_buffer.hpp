// vigil/trace/thread_buffer.hpp — what each recording thread writes its spans into: its
// ring, its counters, its span-id range.
//
// A thread's first span asks the trace runtime (trace/runtime_link.hpp) for a ThreadBuffer
// and an id range; from then on its spans write fixed-size records (trace/ring_record.hpp)
// into the ring with no call out of line. The runtime owns the buffer: it outlives the
// thread, so spans of exited threads are not lost (trace/buffer_registry.hpp).
// The hot-path state is a trivially constructible thread_local, so reading it needs no TLS
// guard.
// Thread-safety: ThreadState is touched only by its thread; ThreadBuffer counters are
// single-writer atomics read by the collector.
// Hot-path cost: reserve = one compare against a cached tail, publish = one store.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <string_view>

#include "vigil/config.hpp"
#include "vigil/detail/ring.hpp"
#include "vigil/detail/short_copy.hpp"
#include "vigil/detail/tsc.hpp"
#include "vigil/trace/ring_record.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

// On while tracing is enabled and an exporter is attached: the one load a span's runtime-off
// path costs.
inline std::atomic<bool> g_tracing_active{false};

// Counter written by one thread only: a relaxed load+store, no locked instruction.
class OwnerCounter {
 public:
  void add(std::uint64_t n = 1) noexcept {
    value_.store(value_.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
  }
  std::uint64_t get() const noexcept { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

// What the hot path writes; the runtime's RegisteredBuffer adds the thread's name and id.
struct ThreadBuffer {
  explicit ThreadBuffer(std::size_t items) : ring(items) {}

  Ring ring;
  OwnerCounter spans_created;
  OwnerCounter spans_dropped;
  OwnerCounter records_dropped;  // attributes, events, status lines refused by a full ring
  std::atomic<bool> retired{false};
};

struct ThreadState {
  ThreadBuffer* buffer;
  std::uint64_t next_id;
  std::uint64_t id_limit;
  std::uint64_t trace_high;      // high half of the trace ids this process starts
  const unsigned int* uncaught;  // this thread's count of exceptions in flight, or null
  bool use_tsc;                  // the runtime's clock choice, cached per thread
  bool exited;
};

inline thread_local ThreadState t_trace{};

inline int uncaught_exceptions(const ThreadState& state) noexcept {
  return state.uncaught != nullptr ? static_cast<int>(*state.uncaught) : 0;
}

// Reserves one item for a span record; null when the ring is full (the span is counted
// as dropped). The caller fills the record in place and publishes it.
inline SpanRecord* reserve_span_record(ThreadState& state, std::uint64_t& position) noexcept {
  Ring& ring = state.buffer->ring;
  position = ring.try_reserve(1);
  state.buffer->spans_created.add();
  if (VIGIL_DETAIL_UNLIKELY(position == Ring::kFull)) {
    state.buffer->spans_dropped.add();
    return nullptr;
  }
  return ::new (static_cast<void*>(ring.at(position).bytes)) SpanRecord;
}

// Writes an attribute whose value is a number and whose key fits the record's text: one
// item filled in place, as most attributes a span opens with are.
VIGIL_DETAIL_ALWAYS_INLINE void write_number_attribute(ThreadState& state, std::uint64_t span_id,
                                                       AttributeTarget target, std::string_view key,
                                                       std::uint8_t type,
                                                       std::uint64_t bits) noexcept {
  if (VIGIL_DETAIL_UNLIKELY(state.buffer == nullptr)) return;
  Ring& ring = state.buffer->ring;
  const std::uint64_t position = ring.try_reserve(1);
  if (VIGIL_DETAIL_UNLIKELY(position == Ring::kFull)) {
    state.buffer->records_dropped.add();
    return;
  }
  auto* record = ::new (static_cast<void*>(ring.at(position).bytes)) TextRecord;
  record->type = RecordType::attribute;
  record->code = type;
  record->key_len = static_cast<std::uint8_t>(key.size());
  record->target = target;
  record->text_len = static_cast<std::uint32_t>(key.size());
  record->span_id = span_id;
  record->number = bits;
  copy_short(reinterpret_cast<unsigned char*>(record->text), key.data(), key.size());
  ring.publish(position, 1);
}

// Writes a text record: `header` with its text = first + second, `second` already cut to
// kMaxText by the caller.
inline void write_text_record(ThreadState& state, TextRecord header, std::string_view first,
                              std::string_view second) noexcept {
  if (state.buffer == nullptr) return;
  header.text_len = static_cast<std::uint32_t>(first.size() + second.size());
  const std::size_t n = items_for_text(header.text_len);
  Ring& ring = state.buffer->ring;
  const std::uint64_t position = ring.try_reserve(n);
  if (position == Ring::kFull) {
    state.buffer->records_dropped.add();
    return;
  }
  std::memcpy(ring.at(position).bytes, &header, offsetof(TextRecord, text));
  store_text(ring, position, 0, first);
  store_text(ring, position, first.size(), second);
  ring.publish(position, n);
}

}  // namespace detail
VIGIL_NAMESPACE_END
