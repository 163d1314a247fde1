// vigil/macros.hpp — the facade's VIGIL_* macros, one #if block per signal. Two opt-in headers
// add their own: VIGIL_PROFILE_SECTION (profile/gperftools.hpp) and VIGIL_TRACED, VIGIL_METERED,
// VIGIL_TIMED (wrap.hpp).
//
// Switched off (config.hpp), each macro is an expression that evaluates none of its
// arguments and emits no code, but still names them, so a variable used only in a
// compiled-out log or span does not warn as unused; the `;` after it is still required.
//
//   VIGIL_SPAN(name, {"key", value}...)   span for the rest of the block (up to 6 attributes)
//   VIGIL_SPAN_FN()                       span named after the enclosing function
//   VIGIL_SPAN_SET_ATTRIBUTE(key, value)  attribute on the innermost live span
//   VIGIL_SPAN_EVENT(name)                timestamped event on the innermost live span
//   VIGIL_COUNTER_ADD(name, value, {"label", "v"}...)      counter, handle cached per call site
//   VIGIL_GAUGE_SET(name, value, {"label", "v"}...)        gauge, likewise
//   VIGIL_HISTOGRAM_RECORD(name, value, {"label", "v"}...) histogram (seconds buckets), likewise
// A metric macro's labels are bound at its first execution (up to 4 pairs).
//   VIGIL_LOG_INFO(component, message, args...)  also _TRACE _DEBUG _WARN _ERROR, and the
//                                                decorations _OK (shipped), _STATUS _HEADER
//                                                _SECTION (console only)
// A log macro's args are positional values for the message's `{}` and `{"key", value}`
// fields, in any order; below the level (VIGIL_LOG_LEVEL at compile time, the component's
// level at run time) none of them is evaluated.
#pragma once

#include "vigil/config.hpp"
#include "vigil/detail/macro_support.hpp"

#if VIGIL_DETAIL_TRACING_ON
#include "vigil/trace/site.hpp"
#include "vigil/trace/span.hpp"

#define VIGIL_DETAIL_SPAN(site, var, name_expr, ...)                                       \
  static constexpr ::vigil::SourceSite site{name_expr, static_cast<const char*>(__func__), \
                                            __FILE__, __LINE__};                           \
  ::vigil::Span var(&site, __VA_ARGS__)

#define VIGIL_SPAN(...)                                                                 \
  VIGIL_DETAIL_SPAN(VIGIL_DETAIL_UNIQUE(vigil_site_), VIGIL_DETAIL_UNIQUE(vigil_span_), \
                    VIGIL_DETAIL_FIRST(__VA_ARGS__), __VA_ARGS__)
#define VIGIL_SPAN_FN()                                                                           \
  VIGIL_DETAIL_SPAN(VIGIL_DETAIL_UNIQUE(vigil_site_), VIGIL_DETAIL_UNIQUE(vigil_span_), __func__, \
                    __func__)
#define VIGIL_SPAN_SET_ATTRIBUTE(key, value) ::vigil::current_span().set_attribute(key, value)
#define VIGIL_SPAN_EVENT(name) ::vigil::current_span().add_event(name)
#else
#define VIGIL_SPAN(...) VIGIL_DETAIL_UNEVALUATED(__VA_ARGS__)
#define VIGIL_SPAN_FN() ((void)0)
#define VIGIL_SPAN_SET_ATTRIBUTE(key, value) VIGIL_DETAIL_UNEVALUATED(key, value)
#define VIGIL_SPAN_EVENT(name) VIGIL_DETAIL_UNEVALUATED(name)
#endif

#if VIGIL_DETAIL_METRICS_ON
#include "vigil/metrics/site.hpp"

#define VIGIL_DETAIL_METRIC(Site, method, name, ...)                          \
  do {                                                                        \
    static ::vigil::detail::Site VIGIL_DETAIL_UNIQUE(vigil_metric_){name};    \
    ::vigil::detail::method(VIGIL_DETAIL_UNIQUE(vigil_metric_), __VA_ARGS__); \
  } while (0)
#define VIGIL_COUNTER_ADD(name, ...) VIGIL_DETAIL_METRIC(CounterSite, site_add, name, __VA_ARGS__)
#define VIGIL_GAUGE_SET(name, ...) VIGIL_DETAIL_METRIC(GaugeSite, site_set, name, __VA_ARGS__)
#define VIGIL_HISTOGRAM_RECORD(name, ...) \
  VIGIL_DETAIL_METRIC(HistogramSite, site_record, name, __VA_ARGS__)
#else
#define VIGIL_COUNTER_ADD(name, ...) VIGIL_DETAIL_UNEVALUATED(name, __VA_ARGS__)
#define VIGIL_GAUGE_SET(name, ...) VIGIL_DETAIL_UNEVALUATED(name, __VA_ARGS__)
#define VIGIL_HISTOGRAM_RECORD(name, ...) VIGIL_DETAIL_UNEVALUATED(name, __VA_ARGS__)
#endif

#if VIGIL_DETAIL_LOGGING_ON
#include <string_view>

#include "vigil/log/site.hpp"

#define VIGIL_DETAIL_LOG(level, decoration, component, ...)                                 \
  do {                                                                                      \
    if (VIGIL_DETAIL_UNLIKELY(::vigil::detail::log_floor_allows(level))) {                  \
      static ::vigil::detail::LogSite vigil_log_site_;                                      \
      const ::vigil::detail::ComponentState& vigil_log_component_ =                         \
          vigil_log_site_.resolve(component);                                               \
      if (vigil_log_component_.allows(level)) {                                             \
        (void)sizeof(::std::string_view(VIGIL_DETAIL_FIRST(__VA_ARGS__)));                  \
        ::vigil::detail::emit_call(vigil_log_component_, level, decoration, {__VA_ARGS__}); \
      }                                                                                     \
    }                                                                                       \
  } while (0)
#define VIGIL_DETAIL_LOG_AT(level, ...) \
  VIGIL_DETAIL_LOG(::vigil::Level::level, ::vigil::Decoration::none, __VA_ARGS__)
#define VIGIL_DETAIL_LOG_DECORATED(decoration, ...) \
  VIGIL_DETAIL_LOG(::vigil::Level::info, ::vigil::Decoration::decoration, __VA_ARGS__)
#endif

#if VIGIL_DETAIL_LOGGING_ON && VIGIL_LOG_LEVEL <= 0
#define VIGIL_LOG_TRACE(...) VIGIL_DETAIL_LOG_AT(trace, __VA_ARGS__)
#else
#define VIGIL_LOG_TRACE(...) VIGIL_DETAIL_UNEVALUATED(__VA_ARGS__)
#endif
#if VIGIL_DETAIL_LOGGING_ON && VIGIL_LOG_LEVEL <= 1
#define VIGIL_LOG_DEBUG(...) VIGIL_DETAIL_LOG_AT(debug, __VA_ARGS__)
#else
#define VIGIL_LOG_DEBUG(...) VIGIL_DETAIL_UNEVALUATED(__VA_ARGS__)
#endif
#if VIGIL_DETAIL_LOGGING_ON && VIGIL_LOG_LEVEL <= 2
#define VIGIL_LOG_INFO(...) VIGIL_DETAIL_LOG_AT(info, __VA_ARGS__)
#define VIGIL_LOG_OK(...) VIGIL_DETAIL_LOG_DECORATED(ok, __VA_ARGS__)
#define VIGIL_LOG_STATUS(...) VIGIL_DETAIL_LOG_DECORATED(status, __VA_ARGS__)
#define VIGIL_LOG_HEADER(...) VIGIL_DETAIL_LOG_DECORATED(header, __VA_ARGS__)
#define VIGIL_LOG_SECTION(...) VIGIL_DETAIL_LOG_DECORATED(section, __VA_ARGS__)
#else
#define VIGIL_LOG_INFO(...) VIGIL_DETAIL_UNEVALUATED(__VA_ARGS__)
#define VIGIL_LOG_OK(...) VIGIL_DETAIL_UNEVALUATED(__VA_ARGS__)
#define VIGIL_LOG_STATUS(...) VIGIL_DETAIL_UNEVALUATED(__VA_ARGS__)
#define VIGIL_LOG_HEADER(...) VIGIL_DETAIL_UNEVALUATED(__VA_ARGS__)
#define VIGIL_LOG_SECTION(...) VIGIL_DETAIL_UNEVALUATED(__VA_ARGS__)
#endif
#if VIGIL_DETAIL_LOGGING_ON && VIGIL_LOG_LEVEL <= 3
#define VIGIL_LOG_WARN(...) VIGIL_DETAIL_LOG_AT(warn, __VA_ARGS__)
#else
#define VIGIL_LOG_WARN(...) VIGIL_DETAIL_UNEVALUATED(__VA_ARGS__)
#endif
#if VIGIL_DETAIL_LOGGING_ON && VIGIL_LOG_LEVEL <= 4
#define VIGIL_LOG_ERROR(...) VIGIL_DETAIL_LOG_AT(error, __VA_ARGS__)
#else
#define VIGIL_LOG_ERROR(...) VIGIL_DETAIL_UNEVALUATED(__VA_ARGS__)
#endif
