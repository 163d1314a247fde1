// vigil/config.hpp — compile-time switches of the whole toolkit.
//
// Each switch is a macro. Its value comes, first found wins, from the user's own definition
// (`-DVIGIL_ENABLED=0` on any compiler line, `target_compile_definitions`), then from the
// package's VIGIL_DEFAULT_<switch> (the CMake package and vigil.pc define one only where its
// option or the consuming target's property differs from the default), then from the default
// below. The package never defines a switch itself, so a user's -D always wins.
//
// The effective values are folded into an inline namespace (vigil::cfg_t1m1l1p1). Objects
// built with different switches link, but keep separate state; vigil/detail/abi_check.hpp
// says so on stderr once when the program starts.
#pragma once

// VIGIL_ENABLED — master switch. 0 compiles every signal out: macros expand to ((void)0)
// and evaluate none of their arguments, classes become empty inline no-ops. Cost when 0:
// nothing, the instrumented function compiles to the same machine code as the bare one.
#ifndef VIGIL_ENABLED
#ifdef VIGIL_DEFAULT_ENABLED
#define VIGIL_ENABLED VIGIL_DEFAULT_ENABLED
#else
#define VIGIL_ENABLED 1
#endif
#endif

// VIGIL_TRACING — spans. When 1, a recorded span costs 2 TSC reads and one 64-byte ring
// write; a span with tracing switched off at run time costs one predictable branch.
#ifndef VIGIL_TRACING
#ifdef VIGIL_DEFAULT_TRACING
#define VIGIL_TRACING VIGIL_DEFAULT_TRACING
#else
#define VIGIL_TRACING 1
#endif
#endif

// VIGIL_METRICS — counters, gauges, histograms.
#ifndef VIGIL_METRICS
#ifdef VIGIL_DEFAULT_METRICS
#define VIGIL_METRICS VIGIL_DEFAULT_METRICS
#else
#define VIGIL_METRICS 1
#endif
#endif

// VIGIL_LOGGING — structured logs.
#ifndef VIGIL_LOGGING
#ifdef VIGIL_DEFAULT_LOGGING
#define VIGIL_LOGGING VIGIL_DEFAULT_LOGGING
#else
#define VIGIL_LOGGING 1
#endif
#endif

// VIGIL_PROFILING — VIGIL_PROFILE_SECTION (vigil/profile/gperftools.hpp, included only where
// a program profiles). On costs nothing until that header is included, and a program that
// does not link gperftools still builds and is told once what to link.
#ifndef VIGIL_PROFILING
#ifdef VIGIL_DEFAULT_PROFILING
#define VIGIL_PROFILING VIGIL_DEFAULT_PROFILING
#else
#define VIGIL_PROFILING 1
#endif
#endif

// VIGIL_LOG_LEVEL — compile-time minimum log level: 0 trace, 1 debug, 2 info, 3 warn,
// 4 error, 5 off. Calls below it compile to nothing.
#ifndef VIGIL_LOG_LEVEL
#ifdef VIGIL_DEFAULT_LOG_LEVEL
#define VIGIL_LOG_LEVEL VIGIL_DEFAULT_LOG_LEVEL
#else
#define VIGIL_LOG_LEVEL 0
#endif
#endif

#if VIGIL_ENABLED && VIGIL_TRACING
#define VIGIL_DETAIL_TRACING_ON 1
#else
#define VIGIL_DETAIL_TRACING_ON 0
#endif

#if VIGIL_ENABLED && VIGIL_METRICS
#define VIGIL_DETAIL_METRICS_ON 1
#else
#define VIGIL_DETAIL_METRICS_ON 0
#endif

#if VIGIL_ENABLED && VIGIL_LOGGING
#define VIGIL_DETAIL_LOGGING_ON 1
#else
#define VIGIL_DETAIL_LOGGING_ON 0
#endif

#if VIGIL_ENABLED && VIGIL_PROFILING
#define VIGIL_DETAIL_PROFILING_ON 1
#else
#define VIGIL_DETAIL_PROFILING_ON 0
#endif

#define VIGIL_DETAIL_ABI_NAME2(T, M, L, P) cfg_t##T##m##M##l##L##p##P
#define VIGIL_DETAIL_ABI_NAME(T, M, L, P) VIGIL_DETAIL_ABI_NAME2(T, M, L, P)
#define VIGIL_DETAIL_ABI                                                                           \
  VIGIL_DETAIL_ABI_NAME(VIGIL_DETAIL_TRACING_ON, VIGIL_DETAIL_METRICS_ON, VIGIL_DETAIL_LOGGING_ON, \
                        VIGIL_DETAIL_PROFILING_ON)

// Opens namespace vigil and the ABI-tagged inline namespace inside it.
#define VIGIL_NAMESPACE_BEGIN \
  namespace vigil {           \
  inline namespace VIGIL_DETAIL_ABI {
#define VIGIL_NAMESPACE_END \
  }                         \
  }

#if defined(__GNUC__) || defined(__clang__)
#define VIGIL_DETAIL_LIKELY(x) __builtin_expect(!!(x), 1)
#define VIGIL_DETAIL_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define VIGIL_DETAIL_NOINLINE __attribute__((noinline))
#define VIGIL_DETAIL_COLD __attribute__((noinline, cold))
#define VIGIL_DETAIL_ALWAYS_INLINE inline __attribute__((always_inline))
// A declaration the linker may leave null (the runtimes' entry tables, runtime_link.hpp).
#define VIGIL_DETAIL_WEAK __attribute__((weak))
#else
#define VIGIL_DETAIL_LIKELY(x) (x)
#define VIGIL_DETAIL_UNLIKELY(x) (x)
#define VIGIL_DETAIL_NOINLINE
#define VIGIL_DETAIL_COLD
#define VIGIL_DETAIL_ALWAYS_INLINE inline
#error "vigil needs weak symbols (GCC or Clang): the runtime is linked in through them"
#endif

#define VIGIL_VERSION_MAJOR 0
#define VIGIL_VERSION_MINOR 1
#define VIGIL_VERSION_PATCH 0
#define VIGIL_VERSION_STRING "0.1.0"
