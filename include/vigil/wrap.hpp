// vigil/wrap.hpp — the seeds' decorators as function wrappers:
//
//   auto fit = vigil::traced("fit.gmm", [&](const Matrix& m) { return gmm.fit(m); });
//   auto call = vigil::metered("tts.synthesize", synthesize);  // calls + latency by status
//   auto load = vigil::timed("model.load", load_model);        // latency only
//   auto same = VIGIL_TRACED(load_model);                      // named after the function
//
// Each returns a callable taking the same arguments and returning what the function
// returns (a value, void, or a std::future). An exception marks the span or the metrics
// with status "error" and is rethrown unchanged.
// A std::future result comes back as a deferred future: whoever takes its result gets the
// same value or exception, and the outcome is recorded then. traced() records the call as
// span `name` and the wait as its child span "<name>.wait"; metered()/timed() record the
// latency from the call to the moment the result was taken.
// Metrics: `name` with every character outside [a-zA-Z0-9_] turned into '_', then
// "<base>_calls_total{status}" and "<base>_duration_seconds{status}" (metered) or
// "<base>_duration_seconds" (timed).
// Thread-safety: the wrappers may be called from any threads at once.
#pragma once

#include <chrono>
#include <exception>
#include <functional>
#include <future>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "vigil/vigil.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

template <class T>
struct is_future : std::false_type {};
template <class T>
struct is_future<std::future<T>> : std::true_type {};

inline std::string metric_base(std::string_view name) {
  std::string out;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    out += ok ? c : '_';
  }
  if (out.empty() || (out[0] >= '0' && out[0] <= '9')) out.insert(out.begin(), '_');
  return out;
}

// Runs `body` inside the scope `open()` returns, and tells the scope how it ended.
template <class Body, class Open>
decltype(auto) within(Body&& body, Open&& open) {
  using Result = std::invoke_result_t<Body>;
  auto scope = open();
  try {
    if constexpr (std::is_void_v<Result>) {
      body();
      scope.finish(true, nullptr);
    } else {
      Result value = body();
      scope.finish(true, nullptr);
      return value;
    }
  } catch (const std::exception& e) {
    scope.finish(false, &e);
    throw;
  } catch (...) {
    scope.finish(false, nullptr);
    throw;
  }
}

// A call through a wrapper: `open_call(result_is_future)` scopes the call; for a future
// result, `wait_opener()` (asked after the call) gives what scopes taking its result,
// later, wherever that happens.
template <class F, class Args, class OpenCall, class WaitOpener>
decltype(auto) wrapped_call(F& fn, Args&& args, OpenCall open_call, WaitOpener wait_opener) {
  const auto body = [&]() -> decltype(auto) { return std::apply(fn, std::move(args)); };
  using Result = std::invoke_result_t<decltype(body)>;
  constexpr bool kFuture = is_future<Result>::value;
  if constexpr (kFuture) {
    Result inner = within(body, [&] { return open_call(true); });
    return std::async(
        std::launch::deferred,
        [inner = std::move(inner), open_wait = wait_opener()]() mutable -> decltype(inner.get()) {
          return within([&]() -> decltype(inner.get()) { return inner.get(); }, open_wait);
        });
  } else {
    return within(body, [&] { return open_call(false); });
  }
}

struct SpanScope {
  ContextScope parent;
  Span span;
  SpanScope(const SpanContext& under, std::string_view name, SpanContext* opened)
      : parent(under), span(name) {
    if (opened != nullptr) *opened = span.context();
  }
  void finish(bool ok, const std::exception* e) {
    if (ok) return;
    if (e != nullptr) {
      span.record_exception(*e);
      span.set_status(StatusCode::error, e->what());
    } else {
      span.set_status(StatusCode::error, "exception of a non-standard type");
    }
    span.end();  // here, not while the rethrow unwinds, which would record it again
  }
};

// Latency (and, when `calls` is set, a call count) by status; `record_success` false skips
// a successful end (a future's launch: its outcome is recorded when its result is taken).
struct MeterScope {
  std::string base;
  bool calls;
  bool record_success;
  std::chrono::steady_clock::time_point start;
  void finish(bool ok, const std::exception*) const {
    if (ok && !record_success) return;
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    if (calls) {
      const char* status = ok ? "ok" : "error";
      counter(base + "_calls_total", {{"status", status}}).add(1);
      histogram(base + "_duration_seconds", {{"status", status}}).record(elapsed.count());
    } else {
      histogram(base + "_duration_seconds").record(elapsed.count());
    }
  }
};

template <class F>
auto metering(std::string_view name, F fn, bool calls) {
  return [base = metric_base(name), fn = std::move(fn),
          calls](auto&&... args) mutable -> decltype(auto) {
    const auto start = std::chrono::steady_clock::now();
    return wrapped_call(
        fn, std::forward_as_tuple(std::forward<decltype(args)>(args)...),
        [&](bool future) {
          return MeterScope{base, calls, !future, start};
        },
        [&] { return [base, calls, start] {
                return MeterScope{base, calls, true, start};
              }; });
  };
}

}  // namespace detail

/// A span `name` around every call (and "<name>.wait" around taking a future's result).
template <class F>
auto traced(std::string name, F fn) {
  return [name = std::move(name), fn = std::move(fn)](auto&&... args) mutable -> decltype(auto) {
    SpanContext call;
    return detail::wrapped_call(
        fn, std::forward_as_tuple(std::forward<decltype(args)>(args)...),
        [&](bool) { return detail::SpanScope(SpanContext{}, name, &call); },
        [&] {
          return [call, wait = name + ".wait"] { return detail::SpanScope(call, wait, nullptr); };
        });
  };
}

/// A call counter and a latency histogram, both labelled status="ok"|"error".
template <class F>
auto metered(std::string_view name, F fn) {
  return detail::metering(name, std::move(fn), true);
}

/// A latency histogram only.
template <class F>
auto timed(std::string_view name, F fn) {
  return detail::metering(name, std::move(fn), false);
}

VIGIL_NAMESPACE_END

#define VIGIL_TRACED(fn) ::vigil::traced(#fn, fn)
#define VIGIL_METERED(fn) ::vigil::metered(#fn, fn)
#define VIGIL_TIMED(fn) ::vigil::timed(#fn, fn)
