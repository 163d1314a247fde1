// vigil/vigil.hpp — the header every instrumented file includes: the macros and the hot path
// (spans, metric handles, log calls, context hand-off), and nothing that sets telemetry up.
//
// Switched on it costs an instrumenting file about 20,000 preprocessed lines, most of them
// <atomic> and <string_view>; compiled out (config.hpp), a few hundred lines of macros and
// empty inline classes. Exporters, sinks, the collector, the metric registry and endpoints
// are in vigil/runtime.hpp (or their own headers), included where the program sets them up:
// that file compiles the runtime, and the light code here reaches it through weak entry
// tables (docs/ARCHITECTURE.md). A program that never includes the runtime still links and
// runs; its spans stay off and its metric updates and log records are dropped.
#pragma once

#include "vigil/common/context.hpp"
#include "vigil/common/semconv.hpp"
#include "vigil/config.hpp"
#include "vigil/log/component.hpp"
#include "vigil/log/runtime_link.hpp"
#include "vigil/macros.hpp"
#include "vigil/metrics/runtime_link.hpp"
#include "vigil/trace/runtime_link.hpp"
#include "vigil/trace/span.hpp"
