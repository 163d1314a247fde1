// vigil/log/ring_record.hpp — a log call as the caller leaves it in its thread's ring, and
// the view the log worker reads back from it.
//
// One record is a 32-byte header followed by its payload, contiguous in the ring: the
// component (never freed), level, decoration, the tick the call was made at and the
// run-context generation; inside a span its ids in their local form, inside a RequestScope a
// reference to the request context; then the message bytes and the arguments in binary
// (one tag byte, the key of a field, then 8 bytes of number or a length and the bytes of a
// string). Strings are copied, so nothing the call viewed need outlive it; a record is at most
// kMaxLogRecordItems items: the message and string values that do not fit are cut, and
// arguments beyond kMaxLogRecordArgs or whose key does not fit are left out (the record says
// so).
// Thread-safety: a record is written by its thread before publication and read by the one
// thread that drains its ring.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <string_view>

#include "vigil/common/attribute.hpp"
#include "vigil/common/id_mapping.hpp"
#include "vigil/common/request_context.hpp"
#include "vigil/config.hpp"
#include "vigil/detail/ring.hpp"
#include "vigil/detail/short_copy.hpp"
#include "vigil/log/arg.hpp"
#include "vigil/log/component_state.hpp"
#include "vigil/log/level.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

inline constexpr std::size_t kMaxLogRecordItems = 64;  // 4 KiB
inline constexpr std::size_t kMaxLogRecordArgs = 32;

enum LogRecordFlags : std::uint8_t {
  kLogInSpan = 1,
  kLogHasRequest = 2,
  kLogTruncated = 4,  // a string or an argument did not fit
  kLogPadding = 8,    // no record: the rest of the ring up to its end is skipped
};

// 32 bytes, so that a record of a short message and two fields outside a span is one item.
struct LogRingHeader {
  std::uint16_t items;  // the whole record, header included
  std::uint8_t flags;
  Level level;
  Decoration decoration;
  std::uint8_t arg_count;
  std::uint16_t message_size;
  std::uint32_t run_context;  // generation, before effective_run_context()
  const ComponentState* component;
  std::uint64_t ticks;
};
static_assert(sizeof(LogRingHeader) == 32, "a log header is half a ring item");

// After the header, with kLogInSpan.
struct LogRingSpan {
  LocalTraceId trace;
  std::uint64_t span_id;
};

// The caller's side of the span context, copied as it was at the call.
struct LogCallContext {
  LocalTraceId trace{};
  std::uint64_t span_id = 0;
  std::uint32_t run_context = 0;
  bool in_span = false;
  const std::shared_ptr<const RequestContext>* request = nullptr;
};

enum class LogArgTag : std::uint8_t { positional = 0, field = 0x10 };

// Writes a record into `capacity` contiguous bytes; the result is the bytes used.
class LogRecordWriter {
 public:
  LogRecordWriter(unsigned char* begin, std::size_t capacity) noexcept
      : begin_(begin), cursor_(begin + sizeof(LogRingHeader)), end_(begin + capacity) {}

  // `stamp()` gives the tick, read last, so that it orders records of different threads the
  // way their rings publish them (log/worker.hpp).
  template <class Stamp>
  std::size_t write(const ComponentState& component, Level level, Decoration decoration,
                    Stamp stamp, const LogCallContext& context, std::string_view message,
                    const LogArg* args, std::size_t count) noexcept {
    // Written in place: the ring's memory is the record's.
    auto* header = ::new (static_cast<void*>(begin_)) LogRingHeader;
    header->flags = context.in_span ? kLogInSpan : 0;
    header->level = level;
    header->decoration = decoration;
    header->run_context = context.run_context;
    header->component = &component;
    if (context.in_span) {
      ::new (static_cast<void*>(cursor_)) LogRingSpan{context.trace, context.span_id};
      cursor_ += sizeof(LogRingSpan);
    }
    if (context.request != nullptr) {
      ::new (static_cast<void*>(cursor_)) std::shared_ptr<const RequestContext>(*context.request);
      cursor_ += sizeof(std::shared_ptr<const RequestContext>);
      header->flags |= kLogHasRequest;
    }
    unsigned char* const payload = cursor_;
    if (!write_whole(*header, message, args, count)) {
      cursor_ = payload;
      write_cut(*header, message, args, count);
    }
    if (truncated_) header->flags |= kLogTruncated;
    const std::size_t used = static_cast<std::size_t>(cursor_ - begin_);
    header->items = static_cast<std::uint16_t>((used + sizeof(Item) - 1) / sizeof(Item));
    header->ticks = stamp();
    return used;
  }

 private:
  // Nearly every call: everything fits. False (with a partial write) where it does not.
  bool write_whole(LogRingHeader& header, std::string_view message, const LogArg* args,
                   std::size_t count) noexcept {
    if (count > kMaxLogRecordArgs || message.size() > 0xffff || message.size() > left())
      return false;
    copy(message.data(), message.size());
    for (std::size_t i = 0; i < count; ++i) {
      const AttributeValue value = args[i].value();
      const bool field = args[i].is_field();
      const std::string_view key = args[i].key();
      const bool text = value.type() == ValueType::string;
      const std::size_t need =
          1 + (field ? 1 + key.size() : 0) + (text ? 4 + value.as_string().size() : 8);
      if ((field && key.size() > kMaxKey) || need > left()) return false;
      *cursor_++ = tag_of(field, value.type());
      if (field) {
        *cursor_++ = static_cast<unsigned char>(key.size());
        copy(key.data(), key.size());
      }
      if (text) {
        put_size(value.as_string().size());
        copy(value.as_string().data(), value.as_string().size());
      } else {
        put_number(value);
      }
    }
    header.message_size = static_cast<std::uint16_t>(message.size());
    header.arg_count = static_cast<std::uint8_t>(count);
    return true;
  }

  // The rest: tags, keys and numbers are never cut; arguments whose fixed part does not fit
  // are left out, and the message and string values share what remains.
  void write_cut(LogRingHeader& header, std::string_view message, const LogArg* args,
                 std::size_t count) noexcept {
    truncated_ = true;
    if (count > kMaxLogRecordArgs) count = kMaxLogRecordArgs;
    std::size_t fixed = 0, fitting = 0;
    for (; fitting < count; ++fitting) {
      const std::size_t size = fixed_size(args[fitting]);
      if (fixed + size > left()) break;
      fixed += size;
    }
    header.message_size = static_cast<std::uint16_t>(put_text(message, fixed, 0xffff));
    for (std::size_t i = 0; i < fitting; ++i) {
      fixed -= fixed_size(args[i]);
      put_arg(args[i], fixed);
    }
    header.arg_count = static_cast<std::uint8_t>(fitting);
  }

  static constexpr std::size_t kMaxKey = 0xff;

  static std::size_t key_size(const LogArg& arg) noexcept {
    return arg.key().size() < kMaxKey ? arg.key().size() : kMaxKey;
  }

  // Its tag, its key with the key's length, and 8 bytes of number or 4 of string length.
  static std::size_t fixed_size(const LogArg& arg) noexcept {
    const std::size_t key = arg.is_field() ? 1 + key_size(arg) : 0;
    return 1 + key + (arg.value().type() == ValueType::string ? 4 : 8);
  }

  std::size_t left() const noexcept { return static_cast<std::size_t>(end_ - cursor_); }

  // Copies as much of `text` as leaves `reserved` bytes for what is still to come.
  std::size_t put_text(std::string_view text, std::size_t reserved, std::size_t limit) noexcept {
    std::size_t size = text.size();
    std::size_t fits = left() - reserved;
    if (fits > limit) fits = limit;
    if (size > fits) size = fits;
    copy(text.data(), size);
    return size;
  }

  // `reserved`: the fixed parts of the arguments after this one.
  void put_arg(const LogArg& arg, std::size_t reserved) noexcept {
    const AttributeValue value = arg.value();
    *cursor_++ = tag_of(arg.is_field(), value.type());
    if (arg.is_field()) {
      const std::size_t key = key_size(arg);
      *cursor_++ = static_cast<unsigned char>(key);
      copy(arg.key().data(), key);
    }
    if (value.type() == ValueType::string) {
      unsigned char* size_at = cursor_;
      cursor_ += sizeof(std::uint32_t);
      const auto size =
          static_cast<std::uint32_t>(put_text(value.as_string(), reserved, 0xffffffff));
      std::memcpy(size_at, &size, sizeof size);
    } else {
      put_number(value);
    }
  }

  static unsigned char tag_of(bool field, ValueType type) noexcept {
    return static_cast<unsigned char>(
        static_cast<std::uint8_t>(field ? LogArgTag::field : LogArgTag::positional) |
        static_cast<std::uint8_t>(type));
  }

  void put_size(std::size_t size) noexcept {
    const auto value = static_cast<std::uint32_t>(size);
    std::memcpy(cursor_, &value, sizeof value);
    cursor_ += sizeof value;
  }

  void put_number(AttributeValue value) noexcept {
    const std::int64_t bits =
        value.type() == ValueType::float64 ? bits_of(value.as_double()) : value.as_int();
    std::memcpy(cursor_, &bits, sizeof bits);
    cursor_ += sizeof bits;
  }

  VIGIL_DETAIL_ALWAYS_INLINE void copy(const char* from, std::size_t size) noexcept {
    copy_short(cursor_, from, size);
    cursor_ += size;
  }

  static std::int64_t bits_of(double v) noexcept {
    std::int64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    return bits;
  }

  unsigned char* begin_;
  unsigned char* cursor_;
  unsigned char* end_;
  bool truncated_ = false;
};

// The worker's view of one record; strings view the ring until the record is released.
struct LogRecordView {
  LogRingHeader header;
  LogRingSpan span;  // zero outside every span
  std::shared_ptr<const RequestContext> request;
  std::string_view message;
  LogArg args[kMaxLogRecordArgs];
};

class LogRecordReader {
 public:
  explicit LogRecordReader(unsigned char* begin) noexcept
      : begin_(begin), cursor_(begin + sizeof(LogRingHeader)) {}

  void read(LogRecordView& view) noexcept {
    std::memcpy(&view.header, begin_, sizeof view.header);
    if ((view.header.flags & kLogInSpan) != 0) {
      std::memcpy(&view.span, cursor_, sizeof view.span);
      cursor_ += sizeof view.span;
    } else {
      view.span = LogRingSpan{};
    }
    if ((view.header.flags & kLogHasRequest) != 0) {
      auto* held = std::launder(reinterpret_cast<std::shared_ptr<const RequestContext>*>(cursor_));
      view.request = std::move(*held);
      held->~shared_ptr();
      cursor_ += sizeof(std::shared_ptr<const RequestContext>);
    } else {
      view.request.reset();
    }
    view.message = take(view.header.message_size);
    for (std::size_t i = 0; i < view.header.arg_count; ++i) view.args[i] = take_arg();
  }

 private:
  std::string_view take(std::size_t size) noexcept {
    const std::string_view text(reinterpret_cast<const char*>(cursor_), size);
    cursor_ += size;
    return text;
  }

  LogArg take_arg() noexcept {
    const std::uint8_t tag = *cursor_++;
    std::string_view key;
    if ((tag & static_cast<std::uint8_t>(LogArgTag::field)) != 0) key = take(*cursor_++);
    const auto type = static_cast<ValueType>(tag & 0x0f);
    const AttributeValue value = take_value(type);
    if ((tag & static_cast<std::uint8_t>(LogArgTag::field)) != 0) return LogArg(key, value);
    return LogArg(value);
  }

  AttributeValue take_value(ValueType type) noexcept {
    if (type == ValueType::string) {
      std::uint32_t size;
      std::memcpy(&size, cursor_, sizeof size);
      cursor_ += sizeof size;
      return AttributeValue(take(size));
    }
    std::int64_t bits;
    std::memcpy(&bits, cursor_, sizeof bits);
    cursor_ += sizeof bits;
    if (type == ValueType::float64) {
      double v;
      std::memcpy(&v, &bits, sizeof v);
      return AttributeValue(v);
    }
    if (type == ValueType::boolean) return AttributeValue(bits != 0);
    return AttributeValue(bits);
  }

  const unsigned char* begin_;
  unsigned char* cursor_;
};

}  // namespace detail
VIGIL_NAMESPACE_END
