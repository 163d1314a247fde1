#!/usr/bin/env bash
# Usage: check_demo.sh DEMO_BINARY TRACE_PATH — runs the demo, then validates its Chrome trace
# with speedscope's importer, expecting every span name the demo records.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
"$1" "$2" >/dev/null
node "$here/validate_chrome_trace.mjs" "$2" \
  --expect-names pipeline.run,load.data,features.compute,fit.ar1,fit.pca,fit.gmm,persist.scores \
  --expect-min-events 7
