// vigil/vigil.hpp — the umbrella: every core header (no optional dependencies).
//
// Opt-in headers are not included here: vigil/trace/throw_hook.hpp (exception details on
// spans left by a throw), vigil/export/otlp_http.hpp (needs cpp-httplib).
#pragma once

#include "vigil/config.hpp"
#include "vigil/export/chrome_trace.hpp"
#include "vigil/export/console_tree.hpp"
#include "vigil/export/exporter.hpp"
#include "vigil/export/memory.hpp"
#include "vigil/export/otlp_file.hpp"
#include "vigil/export/otlp_json.hpp"
#include "vigil/export/prometheus_text.hpp"
#include "vigil/macros.hpp"
#include "vigil/metrics/counter.hpp"
#include "vigil/metrics/gauge.hpp"
#include "vigil/metrics/histogram.hpp"
#include "vigil/metrics/labels.hpp"
#include "vigil/metrics/registry.hpp"
#include "vigil/semconv/attributes.hpp"
#include "vigil/trace/attribute.hpp"
#include "vigil/trace/context.hpp"
#include "vigil/trace/ids.hpp"
#include "vigil/trace/kind.hpp"
#include "vigil/trace/propagation.hpp"
#include "vigil/trace/resource.hpp"
#include "vigil/trace/sampler.hpp"
#include "vigil/trace/span.hpp"
#include "vigil/trace/span_data.hpp"
#include "vigil/trace/stats.hpp"
#include "vigil/trace/status.hpp"
#include "vigil/trace/traceparent.hpp"
#include "vigil/trace/tracer.hpp"
