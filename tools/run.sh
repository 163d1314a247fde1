#!/usr/bin/env bash
# The main job (until the reference pipeline lands): builds the instrumented demo, runs it,
# prints its span tree, writes a Chrome trace to build/demo_trace.json and the same spans as
# OTLP/JSON lines to build/demo_otlp.jsonl, and its metrics to build/demo_metrics.prom
# (Prometheus text) and build/demo_metrics_otlp.jsonl (OTLP/JSON).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/tools/setup.sh"
cd "$root"
cmake --preset release -G Ninja >/dev/null
cmake --build --preset release --target vigil_demo -j "$(nproc)"
"$root/build/release/tests/examples/vigil_demo" "$root/build/demo_trace.json" "$root/build/demo_otlp.jsonl" \
  "$root/build/demo_metrics.prom" "$root/build/demo_metrics_otlp.jsonl"
echo "open build/demo_trace.json in https://ui.perfetto.dev, chrome://tracing or speedscope;"
echo "build/demo_otlp.jsonl is what an OpenTelemetry collector would receive (OTLP/JSON lines)"
