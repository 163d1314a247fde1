#!/usr/bin/env bash
# Usage: check_programs.sh SET_UP_PROGRAM LIGHT_PROGRAM WORK_DIR
# The set-up program's runtime (one file) receives what its other, light file recorded:
# spans, log records and metric updates. The light program, with no runtime at all, runs
# and exits 0.
set -euo pipefail
set_up=$1 light=$2 work=$3
rm -rf "$work" && mkdir -p "$work" && cd "$work"
"$set_up" 2>/dev/null
grep -q '"name":"fit.gmm"' spans.jsonl
grep -q '"name":"score.gmm"' spans.jsonl
grep -q 'fitted 5000 rows' logs.jsonl
grep -q '^acm_rows_total{stage="fit"} 5000$' metrics.prom
grep -q '^acm_rows_processed_total{equipment="FD_FAN"} 5000$' metrics.prom
"$light"
echo "ok: the runtime in one file got the light file's spans, logs and metrics; without one, the program ran"
