// vigil/trace/ring_record.hpp — the fixed-size records spans leave in their thread's ring.
//
// A span that ends writes one SpanRecord. Attributes, events, status and run-time names are
// written when they are set, as a TextRecord followed by raw 64-byte continuation items when
// their bytes do not fit in its 40. Records of one thread arrive in order, so the collector
// meets a span's attributes before its SpanRecord.
// Thread-safety: written by the owning thread, read by the collector.
// Hot-path cost: a plain 64-byte copy per record.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "vigil/config.hpp"
#include "vigil/detail/ring.hpp"
#include "vigil/trace/kind.hpp"
#include "vigil/trace/site.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

enum class RecordType : std::uint8_t {
  span = 1,
  attribute = 2,
  event = 3,
  status = 4,
  name = 5,
  link = 6,  // number: linked span id; text: linked trace id, 16 bytes
};

enum SpanFlags : std::uint8_t {
  kFlagRuntimeName = 1,   // a name record precedes; site may be null
  kFlagUnsampled = 2,     // recorded only so that a failed trace can be kept whole
  kFlagRemoteParent = 4,  // the parent is in another process
};

struct SpanRecord {
  RecordType type;
  SpanKind kind;  // unspecified: resolve from the name
  std::uint8_t reserved;
  std::uint8_t flags;
  std::uint32_t run_context;  // generation of the run context in force
  std::uint64_t span_id;
  std::uint64_t parent_id;
  std::uint64_t trace_high;
  std::uint64_t trace_low;
  std::uint64_t start;
  std::uint64_t end;
  const SourceSite* site;
};
static_assert(sizeof(SpanRecord) == sizeof(Item), "a span is exactly one ring item");

enum class AttributeTarget : std::uint8_t { span = 0, last_event = 1, last_link = 2 };

struct TextRecord {
  RecordType type;
  std::uint8_t code;       // attribute: ValueType; status: StatusCode
  std::uint8_t key_len;    // attribute: bytes of key at the start of the text
  AttributeTarget target;  // attribute: span or its latest event
  std::uint32_t text_len;
  std::uint64_t span_id;
  std::uint64_t number;  // attribute: value bits; event: tick
  char text[40];
};
static_assert(sizeof(TextRecord) == sizeof(Item), "a text record header is one ring item");

constexpr std::size_t kInlineText = sizeof(TextRecord::text);
constexpr std::size_t kMaxKey = 255;
constexpr std::size_t kMaxText = 8192;

constexpr std::size_t items_for_text(std::size_t text_len) {
  return 1 +
         (text_len > kInlineText ? (text_len - kInlineText + sizeof(Item) - 1) / sizeof(Item) : 0);
}

// Where text byte `offset` of the record at `position` lives, and how many bytes follow it
// contiguously in the same item.
struct TextChunk {
  unsigned char* data;
  std::size_t room;
};

inline TextChunk text_chunk(Ring& ring, std::uint64_t position, std::size_t offset) {
  if (offset < kInlineText) {
    return {ring.at(position).bytes + offsetof(TextRecord, text) + offset, kInlineText - offset};
  }
  const std::size_t beyond = offset - kInlineText;
  return {ring.at(position + 1 + beyond / sizeof(Item)).bytes + beyond % sizeof(Item),
          sizeof(Item) - beyond % sizeof(Item)};
}

// Copies `text` into the record at `position` (and its continuation items) from `offset`.
inline void store_text(Ring& ring, std::uint64_t position, std::size_t offset,
                       std::string_view text) {
  for (std::size_t done = 0; done < text.size();) {
    const TextChunk chunk = text_chunk(ring, position, offset + done);
    const std::size_t left = text.size() - done;
    const std::size_t n = chunk.room < left ? chunk.room : left;
    std::memcpy(chunk.data, text.data() + done, n);
    done += n;
  }
}

}  // namespace detail
VIGIL_NAMESPACE_END
