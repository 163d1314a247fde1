#!/usr/bin/env bash
# Usage: check_demo.sh DEMO_BINARY OUT_DIR — runs the demo, then checks its Chrome trace with
# speedscope's importer, its OTLP/JSON with the OpenTelemetry protobuf schema and its
# metrics with `promtool check metrics` and the OTLP metrics schema.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$2"
"$1" "$2/demo_trace.json" "$2/demo_otlp.jsonl" "$2/demo_metrics.prom" "$2/demo_metrics_otlp.jsonl" >/dev/null
names=pipeline.run,load.data,features.compute,fit.ar1,fit.pca,fit.gmm,persist.scores
node "$here/chrome_trace/validate_chrome_trace.mjs" "$2/demo_trace.json" --expect-names "$names" \
  --expect-min-events 7
node "$here/otlp/validate_otlp.mjs" "$2/demo_otlp.jsonl" --expect-spans 7 --expect-names "$names"
promtool check metrics <"$2/demo_metrics.prom"
grep -q '^acm_rows_loaded_total{equipment="FD_FAN"} 20000$' "$2/demo_metrics.prom"
node "$here/otlp/validate_otlp.mjs" --metrics "$2/demo_metrics_otlp.jsonl" \
  --expect-names acm_stage_duration_seconds,acm_rows_loaded_total,acm_detector_duration_seconds
