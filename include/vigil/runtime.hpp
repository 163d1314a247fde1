// vigil/runtime.hpp — everything that sets telemetry up, for the file that does it (the one
// with main(), a service's start-up): the collector and span exporters, the metric registry
// and its outputs, the log runtime and sinks, resource and run context, sampling and
// propagation, plus vigil/vigil.hpp.
//
// Including it compiles the runtimes here, once per file that includes it; other files
// include only vigil/vigil.hpp. Opt-in headers are not included: vigil/trace/throw_hook.hpp
// (exception details on spans left by a throw), vigil/export/spans/otlp_http.hpp,
// vigil/export/metrics/metrics_http.hpp and vigil/log/sinks/loki_sink.hpp (need cpp-httplib),
// vigil/log/fmt.hpp (needs fmt), vigil/profile/gperftools.hpp and vigil/app/ (application
// helpers).
#pragma once

#include "vigil/common/attribute_list.hpp"
#include "vigil/common/request_context.hpp"
#include "vigil/common/resource.hpp"
#include "vigil/config.hpp"
#include "vigil/export/metrics/metrics_json.hpp"
#include "vigil/export/metrics/otlp_metrics.hpp"
#include "vigil/export/metrics/prometheus_text.hpp"
#include "vigil/export/metrics/prometheus_textfile.hpp"
#include "vigil/export/metrics/self_metrics.hpp"
#include "vigil/export/spans/chrome_trace.hpp"
#include "vigil/export/spans/console_tree.hpp"
#include "vigil/export/spans/memory.hpp"
#include "vigil/export/spans/otlp_file.hpp"
#include "vigil/export/spans/otlp_json.hpp"
#include "vigil/log/format.hpp"
#include "vigil/log/json_line.hpp"
#include "vigil/log/level_filter.hpp"
#include "vigil/log/logger.hpp"
#include "vigil/log/record.hpp"
#include "vigil/log/sinks/async_sink.hpp"
#include "vigil/log/sinks/console_sink.hpp"
#include "vigil/log/sinks/json_sink.hpp"
#include "vigil/log/sinks/memory_sink.hpp"
#include "vigil/log/sinks/sink.hpp"
#include "vigil/metrics/registry.hpp"
#include "vigil/metrics/snapshot.hpp"
#include "vigil/trace/propagation.hpp"
#include "vigil/trace/sampler.hpp"
#include "vigil/trace/span_data.hpp"
#include "vigil/trace/traceparent.hpp"
#include "vigil/trace/tracer.hpp"
#include "vigil/vigil.hpp"
