// vigil/detail/line_buffer.hpp — appends to a std::string through a raw cursor.
//
// Text exporters append many short pieces; std::string::append pays a capacity check, an
// out-of-line call and often a strlen for each. A LineBuffer makes room once per piece and
// then stores bytes directly; its destructor trims the string to what was written.
// Thread-safety: one owner, like the string it writes to.
#pragma once

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "vigil/config.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

class LineBuffer {
 public:
  explicit LineBuffer(std::string& out) : out_(out), used_(out.size()) {}
  ~LineBuffer() { out_.resize(used_); }
  LineBuffer(const LineBuffer&) = delete;
  LineBuffer& operator=(const LineBuffer&) = delete;

  /// Makes room for `n` more bytes at cursor().
  VIGIL_DETAIL_ALWAYS_INLINE void reserve(std::size_t n) {
    if (VIGIL_DETAIL_UNLIKELY(out_.size() - used_ < n)) grow(n);
  }
  VIGIL_DETAIL_ALWAYS_INLINE char* cursor() { return &out_[used_]; }
  VIGIL_DETAIL_ALWAYS_INLINE void advance(std::size_t n) { used_ += n; }

  VIGIL_DETAIL_ALWAYS_INLINE void put(char c) {
    reserve(1);
    out_[used_++] = c;
  }
  VIGIL_DETAIL_ALWAYS_INLINE void put(std::string_view text) {
    reserve(text.size());
    std::memcpy(cursor(), text.data(), text.size());
    used_ += text.size();
  }
  template <std::size_t N>
  VIGIL_DETAIL_ALWAYS_INLINE void put(const char (&literal)[N]) {
    put(std::string_view(literal, N - 1));
  }
  void put_integer(std::int64_t value) {
    reserve(24);
    advance(static_cast<std::size_t>(std::to_chars(cursor(), cursor() + 24, value).ptr - cursor()));
  }
  void put_double(double value) {
    reserve(32);
    advance(static_cast<std::size_t>(std::to_chars(cursor(), cursor() + 32, value).ptr - cursor()));
  }

 private:
  VIGIL_DETAIL_COLD void grow(std::size_t n) { out_.resize(used_ + std::max<std::size_t>(n, 256)); }

  std::string& out_;
  std::size_t used_;
};

}  // namespace detail
VIGIL_NAMESPACE_END
