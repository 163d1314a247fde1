// vigil/common/id_mapping.hpp — how span and trace ids are made, and how they leave and
// enter the process.
//
// The hot path never draws random numbers. Inside the process a span id is
// (thread slot << 36 | per-thread sequence), unique by construction, and a new trace's
// low half is its root span's id. Ids leave the process (exporters, traceparent) through a
// keyed bijection, so they look random, differ between processes, and map back exactly:
// a remote parent id is stored as its inverse image and exported unchanged.
// The process keys come from getrandom(2) (mixed with the clock and pid where it fails), not
// <random>, so that every instrumenting file stays cheap to compile.
// Thread-safety: all functions are pure or read process constants set once.
#pragma once

#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include <cstdint>

#include "vigil/common/ids.hpp"
#include "vigil/config.hpp"

VIGIL_NAMESPACE_BEGIN
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

// Where getrandom() is refused (seccomp, very old kernels), the clock, pid and an address
// still make the keys differ between processes.
inline void fallback_entropy(std::uint64_t (&words)[3]) noexcept {
  timespec now;
  ::clock_gettime(CLOCK_REALTIME, &now);
  std::uint64_t x = static_cast<std::uint64_t>(now.tv_sec) * 1'000'000'000u +
                    static_cast<std::uint64_t>(now.tv_nsec);
  x ^= static_cast<std::uint64_t>(::getpid()) << 32 ^ reinterpret_cast<std::uintptr_t>(&words);
  for (auto& word : words) word ^= mix(x += 0x9e3779b97f4a7c15ull);
}

inline ProcessKeys make_process_keys() noexcept {
  std::uint64_t words[3] = {};
  if (::getrandom(words, sizeof words, 0) != static_cast<ssize_t>(sizeof words))
    fallback_entropy(words);
  const auto key = [](std::uint64_t k) { return (k >> 1) == 0 ? 1 : k >> 1; };
  return ProcessKeys{key(words[0]), key(words[1]), words[2] == 0 ? 1 : words[2]};
}

inline const ProcessKeys& process_keys() {
  static const ProcessKeys keys = make_process_keys();
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

}  // namespace detail

VIGIL_NAMESPACE_END
