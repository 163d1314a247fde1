#!/usr/bin/env bash
# The main job: builds `acm-pipeline` (release) and runs it once on the synthetic FD_FAN
# equipment. It prints a line per phase, the stage table from the run's spans, the episodes
# found against the faults injected, and writes to out/: acm.db (SQLite: ACM_Runs,
# ACM_RunTimers, ACM_Scores_Wide, ACM_Anomaly_Events), trace.json (Perfetto/Chrome),
# otlp.jsonl (OTLP/JSON spans), metrics.prom and logs.jsonl.
# Arguments are passed on: tools/run.sh --csv data.csv --equip PUMP_7 --out out/pump7
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/tools/setup.sh"
cd "$root"
cmake --preset release -G Ninja >/dev/null
cmake --build --preset release --target acm-pipeline -j "$(nproc)"
"$root/build/release/reference_pipeline/acm-pipeline" "$@"
