// vigil/trace/throw_info.hpp — the last exception thrown on this thread, when known.
//
// A destructor cannot see the exception that is unwinding through it. The opt-in
// vigil/trace/throw_hook.hpp fills this slot at every throw, so a span left by an exception
// can name its type and message; without the hook the span is still marked ERROR.
// Thread-safety: thread-local.
#pragma once

#include <cstdint>

#include "vigil/config.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

struct ThrowInfo {
  char type[128];        // mangled type name
  char message[512];     // what(), truncated; empty when not a std::exception
  std::uint64_t throws;  // how many throws this thread has seen
  bool has_message;
};

inline thread_local ThrowInfo t_last_throw{};

}  // namespace detail
VIGIL_NAMESPACE_END
