// vigil/trace/ids.hpp — W3C trace ids (128 bit) and span ids (64 bit, never zero).
//
// The hot path never draws random numbers. Inside the process a span id is
// (thread slot << 36 | per-thread sequence), unique by construction, and a new trace's
// low half is its root span's id. Ids leave the process (exporters, traceparent) through a
// keyed bijection, so they look random, differ between processes, and map back exactly:
// a remote parent id is stored as its inverse image and exported unchanged.
// Thread-safety: all functions are pure or read process constants set once.
#pragma once

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>

#include "vigil/config.hpp"

VIGIL_NAMESPACE_BEGIN

/// A span id as exported: 16 lowercase hex digits in W3C form. Zero means "none".
struct SpanId {
  std::uint64_t value = 0;
  bool valid() const { return value != 0; }
  std::string hex() const;
  friend bool operator==(SpanId a, SpanId b) { return a.value == b.value; }
  friend bool operator!=(SpanId a, SpanId b) { return a.value != b.value; }
};

/// A trace id as exported: 32 lowercase hex digits, high half first.
struct TraceId {
  std::uint64_t high = 0;
  std::uint64_t low = 0;
  bool valid() const { return (high | low) != 0; }
  std::string hex() const;
  friend bool operator==(TraceId a, TraceId b) { return a.high == b.high && a.low == b.low; }
  friend bool operator!=(TraceId a, TraceId b) { return !(a == b); }
};

namespace detail {

constexpr int kSlotShift = 36;
constexpr std::uint64_t kSeqMask = (std::uint64_t{1} << kSlotShift) - 1;
// Local ids stay below 2^63, so the one input the bijection sends to zero is never used.
constexpr std::uint64_t kMaxSlot = (std::uint64_t{1} << (63 - kSlotShift)) - 1;

constexpr std::uint64_t kMix1 = 0xbf58476d1ce4e5b9ull;
constexpr std::uint64_t kMix2 = 0x94d049bb133111ebull;

constexpr std::uint64_t inverse_odd(std::uint64_t a) {
  std::uint64_t x = a;  // Newton's iteration doubles the correct low bits each step
  for (int i = 0; i < 5; ++i) x *= 2 - a * x;
  return x;
}

constexpr std::uint64_t unshift_xor(std::uint64_t y, int s) {
  std::uint64_t x = y;
  for (int k = s; k < 64; k += s) x = y ^ (x >> s);
  return x;
}

// splitmix64's finaliser: a bijection on 64-bit words with f(0) == 0.
constexpr std::uint64_t mix(std::uint64_t x) {
  x = (x ^ (x >> 30)) * kMix1;
  x = (x ^ (x >> 27)) * kMix2;
  return x ^ (x >> 31);
}

constexpr std::uint64_t unmix(std::uint64_t x) {
  x = unshift_xor(x, 31) * inverse_odd(kMix2);
  x = unshift_xor(x, 27) * inverse_odd(kMix1);
  return unshift_xor(x, 30);
}

struct ProcessKeys {
  std::uint64_t span_key;   // in [1, 2^63): -span_key is never a local id
  std::uint64_t trace_key;  // likewise for trace ids
  std::uint64_t trace_high;
};

inline const ProcessKeys& process_keys() {
  static const ProcessKeys keys = [] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device(), device(), device()};
    std::mt19937_64 rng(seed);
    auto key = [&rng] {
      std::uint64_t k = rng() >> 1;
      return k == 0 ? 1 : k;
    };
    ProcessKeys out{key(), key(), rng()};
    if (out.trace_high == 0) out.trace_high = 1;
    return out;
  }();
  return keys;
}

inline SpanId export_span_id(std::uint64_t local) {
  return local == 0 ? SpanId{} : SpanId{mix(local + process_keys().span_key)};
}
inline std::uint64_t import_span_id(SpanId id) {
  return id.value == 0 ? 0 : unmix(id.value) - process_keys().span_key;
}

// A trace id inside the process: the high half as exported, the low half local.
struct LocalTraceId {
  std::uint64_t high = 0;
  std::uint64_t low = 0;
};

inline TraceId export_trace_id(LocalTraceId local) {
  return TraceId{local.high, mix(local.low + process_keys().trace_key)};
}
inline LocalTraceId import_trace_id(TraceId id) {
  return LocalTraceId{id.high, unmix(id.low) - process_keys().trace_key};
}

inline void write_hex(std::uint64_t value, char* out) {
  static constexpr char kDigits[] = "0123456789abcdef";
  for (int i = 15; i >= 0; --i) {
    out[i] = kDigits[value & 0xf];
    value >>= 4;
  }
}

}  // namespace detail

inline std::string SpanId::hex() const {
  std::string out(16, '0');
  detail::write_hex(value, out.data());
  return out;
}

inline std::string TraceId::hex() const {
  std::string out(32, '0');
  detail::write_hex(high, out.data());
  detail::write_hex(low, out.data() + 16);
  return out;
}

VIGIL_NAMESPACE_END
