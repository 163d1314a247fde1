// vigil/detail/short_copy.hpp — copies of short strings (keys, messages) on the recording
// paths without a call into the C library: a few overlapping fixed-size moves.
// Thread-safety: pure. Hot-path cost: 2–4 moves up to 32 bytes, memcpy beyond.
#pragma once

#include <cstddef>
#include <cstring>

#include "vigil/config.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

// Reads and writes only the `size` bytes at `from` and `to`.
VIGIL_DETAIL_ALWAYS_INLINE void copy_short(unsigned char* to, const char* from,
                                           std::size_t size) noexcept {
  if (size > 32) {
    std::memcpy(to, from, size);
  } else if (size >= 16) {
    std::memcpy(to, from, 16);
    std::memcpy(to + size - 16, from + size - 16, 16);
  } else if (size >= 8) {
    std::memcpy(to, from, 8);
    std::memcpy(to + size - 8, from + size - 8, 8);
  } else if (size >= 4) {
    std::memcpy(to, from, 4);
    std::memcpy(to + size - 4, from + size - 4, 4);
  } else if (size > 0) {
    to[0] = static_cast<unsigned char>(from[0]);
    to[size / 2] = static_cast<unsigned char>(from[size / 2]);
    to[size - 1] = static_cast<unsigned char>(from[size - 1]);
  }
}

}  // namespace detail
VIGIL_NAMESPACE_END
