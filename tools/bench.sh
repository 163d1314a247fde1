#!/usr/bin/env bash
# Runs the benchmark suite (release build) and writes one JSON per binary to
# bench/results/<commit>/ (ignored by git), then what including vigil costs a build
# (tools/build_cost), the whole-pipeline A/B, a pipeline run's
# span flame graph, the plots and report.html. Compare two runs with
#   tools/bench_compare bench/results/<old> bench/results/<new>
# Multi-thread variants run up to this machine's core count; on the 16-core device use
# VIGIL_BENCH_THREADS=16.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/tools/setup.sh"
cd "$root"
cmake --preset release -G Ninja >/dev/null
cmake --build --preset release -j "$(nproc)"
commit=$(git rev-parse --short HEAD)$(git diff --quiet || echo "-dirty")
out="$root/bench/results/$commit"
mkdir -p "$out"
threads=${VIGIL_BENCH_THREADS:-$(nproc)}
# ThreadRange(1, 16) runs 1, 2, 4, 8, 16 threads; counts above the cores here would only
# measure time-slicing, so they are left out.
skip=()
for t in 2 4 8 16; do ((t > threads)) && skip+=("$t")
done
filter=.
((${#skip[@]})) && filter="-threads:($(IFS='|'; echo "${skip[*]}"))\$"
for bench in overhead metrics log export stages scaling; do
  binary="$root/build/release/bench/vigil_${bench}_bench"
  [[ -x $binary ]] || continue
  echo "bench: $bench"
  "$binary" --benchmark_filter="$filter" --benchmark_out="$out/$bench.json" \
    --benchmark_out_format=json >/dev/null
done
echo "bench: build cost"
"$root/tools/build_cost" --out "$out" >/dev/null
echo "bench: pipeline A/B"
"$root/tools/pipeline_ab" --instructions --build "$root/build/release" --out "$out/pipeline_ab.json"
echo "bench: flame graph of a pipeline run"
"$root/build/release/reference_pipeline/acm-pipeline" --out "$out/run" --run-id bench \
  >"$out/run.log" 2>&1 || { echo "bench: acm-pipeline failed, see $out/run.log" >&2; exit 1; }
"$root/tools/flamegraph" "$out/run/otlp.jsonl" -o "$out/flame.svg" --folded "$out/run.folded" \
  --title "acm-pipeline FD_FAN, self time per span path"
"$root/tools/bench_plots" "$out" >/dev/null
"$root/tools/report" "$out"
echo "results in bench/results/$commit/"
