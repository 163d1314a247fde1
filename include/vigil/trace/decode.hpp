// vigil/trace/decode.hpp — turning one thread's ring records back into SpanData.
//
// Records of one thread arrive in order, so a span's attributes, events, links, status and
// run-time name (TextRecords) come before its SpanRecord: they wait as a PendingSpan until
// it arrives. Decoding (ids to W3C form, ticks to unix nanoseconds, kind from the name
// prefix, run context by generation) happens here, off the hot path.
// Thread-safety: used under the collector's lock only.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "vigil/common/attribute_list.hpp"
#include "vigil/common/id_mapping.hpp"
#include "vigil/common/resource.hpp"
#include "vigil/config.hpp"
#include "vigil/detail/clock.hpp"
#include "vigil/detail/report.hpp"
#include "vigil/trace/buffer_registry.hpp"
#include "vigil/trace/kind_map.hpp"
#include "vigil/trace/ring_record.hpp"
#include "vigil/trace/span_data.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

// Reads `len` bytes of text from `offset` of the record at `position`.
inline std::string load_text(Ring& ring, std::uint64_t position, std::size_t offset,
                             std::size_t len) {
  std::string out;
  out.reserve(len);
  while (out.size() < len) {
    const TextChunk chunk = text_chunk(ring, position, offset + out.size());
    out.append(reinterpret_cast<const char*>(chunk.data), std::min(chunk.room, len - out.size()));
  }
  return out;
}

// What arrived for a span before its SpanRecord.
struct PendingSpan {
  std::string name;
  AttributeList attributes;
  std::vector<SpanEvent> events;
  std::vector<SpanLink> links;
  StatusCode status = StatusCode::unset;
  std::string status_message;
};

class RecordDecoder {
 public:
  static constexpr std::size_t kMaxPendingSpans = 65536;

  void set_kind(std::string prefix, SpanKind kind) { kinds_.set(std::move(prefix), kind); }

  // Decodes what `buffer` holds now. `route(SpanData&&)` takes each finished span and says
  // whether the consumer wants the ring space back at once (its batch is full): then the
  // ring is released up to that span before `flush_batch()` is called.
  template <class Route, class FlushBatch>
  void drain(RegisteredBuffer& buffer, Route&& route, FlushBatch&& flush_batch) {
    Ring& ring = buffer.ring;
    const std::uint64_t end = ring.read_end();
    std::uint64_t position = ring.read_begin();
    if (position == end) return;
    BufferState& state = state_of(buffer);
    (void)process_clock();  // calibrates clock_, the same converter, once
    while (position < end) {
      const auto type = static_cast<RecordType>(ring.at(position).bytes[0]);
      if (type != RecordType::span) {
        TextRecord header;
        std::memcpy(&header, ring.at(position).bytes, sizeof header);
        apply(header, ring, position, state);
        position += items_for_text(header.text_len);
        continue;
      }
      SpanRecord record;
      std::memcpy(&record, ring.at(position).bytes, sizeof record);
      ++position;
      if (VIGIL_DETAIL_UNLIKELY(inherited_slot_ != 0 &&
                                record.span_id >> kSlotShift == inherited_slot_)) {
        state.pending.erase(record.span_id);  // opened before fork(): the parent exports it
        ++inherited_;
      } else if (route(decode(record, state))) {
        ring.release(position);
        flush_batch();
      }
    }
    ring.release(end);
    if (state.pending.size() > kMaxPendingSpans) {
      // Only spans whose end record was dropped stay pending this long.
      orphaned_ += state.pending.size();
      state.pending.clear();
    }
  }

  // `buffer` is about to be freed: what still waits for its end record is lost.
  void forget(const RegisteredBuffer& buffer) {
    auto it = states_.find(&buffer);
    if (it == states_.end()) return;
    orphaned_ += it->second.pending.size();
    states_.erase(it);
  }

  std::uint64_t orphaned() const { return orphaned_; }
  std::uint64_t inherited() const { return inherited_; }

  // In a fork()ed child: nothing pending is ours; spans of the forking thread's old id
  // range (`inherited_slot`) belong to the parent.
  void reset_in_child(std::uint64_t inherited_slot) {
    states_.clear();
    orphaned_ = inherited_ = 0;
    inherited_slot_ = inherited_slot;
  }

 private:
  struct BufferState {
    std::unordered_map<std::uint64_t, PendingSpan> pending;
    std::shared_ptr<const ThreadInfo> thread;
  };

  BufferState& state_of(RegisteredBuffer& buffer) {
    BufferState& state = states_[&buffer];
    std::lock_guard<std::mutex> lock(buffer.name_mutex);
    if (!state.thread || state.thread->name != buffer.name) {
      auto info = std::make_shared<ThreadInfo>();
      info->os_thread_id = buffer.os_thread_id;
      info->name = buffer.name;
      state.thread = std::move(info);
    }
    return state;
  }

  void apply(const TextRecord& header, Ring& ring, std::uint64_t position, BufferState& state) {
    PendingSpan& pending = state.pending[header.span_id];
    switch (header.type) {
      case RecordType::attribute: {
        std::string key = load_text(ring, position, 0, header.key_len);
        OwnedValue value = decode_value(header, ring, position);
        AttributeList* target = &pending.attributes;
        if (header.target == AttributeTarget::last_event && !pending.events.empty()) {
          target = &pending.events.back().attributes;
        } else if (header.target == AttributeTarget::last_link && !pending.links.empty()) {
          target = &pending.links.back().attributes;
        }
        upsert(*target, std::move(key), std::move(value));
        break;
      }
      case RecordType::event:
        pending.events.push_back(
            {load_text(ring, position, 0, header.text_len), clock_.to_unix_ns(header.number), {}});
        break;
      case RecordType::status:
        pending.status = static_cast<StatusCode>(header.code);
        pending.status_message = load_text(ring, position, 0, header.text_len);
        break;
      case RecordType::name:
        pending.name = load_text(ring, position, 0, header.text_len);
        break;
      case RecordType::link: {
        const std::string trace = load_text(ring, position, 0, header.text_len);
        SpanLink link;
        std::memcpy(&link.trace_id.high, trace.data(), 8);
        std::memcpy(&link.trace_id.low, trace.data() + 8, 8);
        link.span_id.value = header.number;
        pending.links.push_back(std::move(link));
        break;
      }
      case RecordType::span:
        break;
    }
  }

  static OwnedValue decode_value(const TextRecord& header, Ring& ring, std::uint64_t position) {
    switch (static_cast<ValueType>(header.code)) {
      case ValueType::int64:
        return static_cast<std::int64_t>(header.number);
      case ValueType::float64: {
        double d;
        std::memcpy(&d, &header.number, sizeof d);
        return d;
      }
      case ValueType::boolean:
        return header.number != 0;
      case ValueType::string:
        break;
    }
    return load_text(ring, position, header.key_len, header.text_len - header.key_len);
  }

  SpanData decode(const SpanRecord& record, BufferState& state) {
    SpanData span;
    span.trace_id = export_trace_id({record.trace_high, record.trace_low});
    span.span_id = export_span_id(record.span_id);
    span.parent_span_id = export_span_id(record.parent_id);
    span.start_unix_ns = clock_.to_unix_ns(record.start);
    span.end_unix_ns = span.start_unix_ns + clock_.duration_ns(record.start, record.end);
    span.site = record.site;
    span.thread = state.thread;
    span.run_context = run_context_of(record.run_context);
    auto it = state.pending.find(record.span_id);
    if (it != state.pending.end()) {
      PendingSpan& pending = it->second;
      span.name = std::move(pending.name);
      span.attributes = std::move(pending.attributes);
      span.events = std::move(pending.events);
      span.links = std::move(pending.links);
      span.status = pending.status;
      span.status_message = std::move(pending.status_message);
      state.pending.erase(it);
    }
    if (record.site != nullptr && (record.flags & kFlagRuntimeName) == 0)
      span.name = record.site->name;
    if (span.name.empty()) {
      // Given empty, or its name record found the ring full (counted in records_dropped):
      // OTLP wants a name, and readers should see why it is missing.
      span.name = "unnamed";
      upsert(span.attributes, "vigil.name_missing", true);
    }
    span.sampled = (record.flags & kFlagUnsampled) == 0;
    span.parent_remote = (record.flags & kFlagRemoteParent) != 0;
    span.kind = record.kind != SpanKind::unspecified ? record.kind : kinds_.resolve(span.name);
    return span;
  }

  // Consecutive spans nearly always share a generation: ask the resource state (and take
  // its lock) only when it changes.
  const std::shared_ptr<const AttributeList>& run_context_of(std::uint32_t generation) {
    if (!last_run_context_ || generation != last_generation_) {
      last_run_context_ = run_context(generation);
      last_generation_ = generation;
    }
    return last_run_context_;
  }

  std::unordered_map<const RegisteredBuffer*, BufferState> states_;
  const TickConverter& clock_ = anchor_process_clock();
  KindMap kinds_;
  std::uint64_t orphaned_ = 0;
  std::uint64_t inherited_ = 0;
  std::uint64_t inherited_slot_ = 0;  // in a fork()ed child: the forking thread's old range
  std::uint32_t last_generation_ = 0;
  std::shared_ptr<const AttributeList> last_run_context_;
};

}  // namespace detail
VIGIL_NAMESPACE_END
