#!/usr/bin/env bash
# Usage: check_programs.sh SET_UP_PROGRAM LIGHT_PROGRAM MIXED_PROGRAM WORK_DIR
# The set-up program's runtime (one file) receives what its other, light file recorded:
# spans, log records and metric updates. The light program, with no runtime at all, runs
# and exits 0. The mixed program, whose light file was built with tracing off, is told so
# once on stderr; the others are not.
set -euo pipefail
set_up=$1 light=$2 mixed=$3 work=$4
mismatch='links files built with different switches'
rm -rf "$work" && mkdir -p "$work" && cd "$work"
"$set_up" 2>set_up.err
if grep -q "$mismatch" set_up.err; then
  echo "FAIL the set-up program, built with one set of switches, reported a mismatch" >&2
  exit 1
fi
grep -q '"name":"fit.gmm"' spans.jsonl
grep -q '"name":"score.gmm"' spans.jsonl
grep -q 'fitted 5000 rows' logs.jsonl
grep -q '^acm_rows_total{stage="fit"} 5000$' metrics.prom
grep -q '^acm_rows_processed_total{equipment="FD_FAN"} 5000$' metrics.prom
"$light" 2>light.err
if grep -q "$mismatch" light.err; then
  echo "FAIL the light program reported a mismatch" >&2
  exit 1
fi
"$mixed" 2>mixed.err
reports=$(grep -c "$mismatch" mixed.err || true)
if [[ $reports != 1 ]]; then
  echo "FAIL the mixed program reported the mismatch $reports times, not once:" >&2
  cat mixed.err >&2
  exit 1
fi
grep -q 'vigil::cfg_t1m1l1p1 and vigil::cfg_t0m1l1p1\|vigil::cfg_t0m1l1p1 and vigil::cfg_t1m1l1p1' mixed.err
echo "ok: the runtime in one file got the light file's spans, logs and metrics; without one, the program ran; mixed switches were reported once"
