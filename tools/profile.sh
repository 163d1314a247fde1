#!/usr/bin/env bash
# Profiles the reference pipeline with gperftools: profile-pipeline runs it RUNS times with
# a CPU profile per section (features, regimes, each detector's fit and score, persistence)
# and once with heap profiles. Per section, out of all runs: google-pprof --text top 20,
# collapsed stacks, and an SVG flame graph (tools/flamegraph); the same for all sections
# together. It also measures what profiling costs: the median run with profiling off
# against on.
#
# usage: tools/profile.sh [RUNS]     (default 10) -> profiles/out/<commit>/
#   PROFILE_PIPELINE=path  use this profile-pipeline instead of building one
#   PROFILE_OUT=dir        write there instead
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-10}
exe=${PROFILE_PIPELINE:-}
if [[ -z $exe ]]; then
  "$root/tools/setup.sh"
  (cd "$root" && cmake --preset default -G Ninja >/dev/null &&
    cmake --build --preset default --target profile-pipeline)
  exe=$root/build/default/profiles/profile-pipeline
fi
[[ -x $exe ]] || { echo "profile.sh: $exe is not an executable" >&2; exit 2; }
command -v google-pprof >/dev/null || { echo "profile.sh: google-pprof missing (apt-get install google-perftools)" >&2; exit 2; }
out=${PROFILE_OUT:-$root/profiles/out/$(git -C "$root" rev-parse --short HEAD)}
rm -rf "$out"
mkdir -p "$out/cpu" "$out/heap" "$out/off"

echo "profile.sh: $runs runs without profiling, then with CPU profiles, then one with heap profiles"
ENABLE_PROFILING=0 "$exe" "$out/off" --runs "$runs" >"$out/off.json"
ENABLE_PROFILING=1 PROFILE_CPU=1 PROFILE_MEMORY=0 PROFILE_MIN_DURATION_MS=0 \
  PROFILE_OUTPUT_DIR="$out/cpu" CPUPROFILE_FREQUENCY=1000 \
  "$exe" "$out" --runs "$runs" >"$out/cpu.json" 2>"$out/cpu.log"
ENABLE_PROFILING=1 PROFILE_CPU=0 PROFILE_MEMORY=1 PROFILE_MIN_DURATION_MS=0 \
  PROFILE_OUTPUT_DIR="$out/heap" "$exe" "$out/heap" --runs 1 >"$out/heap.json" 2>"$out/heap.log"

section_of() { basename "$1" | sed -E 's/_[0-9]{8}T[0-9]{6}Z_[0-9a-f]+\.(prof|heap)$//'; }
report() {  # name, title, profiles...
  local name=$1 title=$2
  shift 2
  google-pprof --text --nodecount=20 "$exe" "$@" >"$out/$name.top.txt" 2>/dev/null
  google-pprof --collapsed "$exe" "$@" >"$out/$name.folded" 2>/dev/null
  if [[ -s $out/$name.folded ]]; then
    "$root/tools/flamegraph" "$out/$name.folded" -o "$out/$name.svg" --title "$title"
  else
    echo "profile.sh: $name: no CPU samples (shorter than the sampling interval); no flame graph"
  fi
}
mapfile -t sections < <(for f in "$out"/cpu/*.prof; do section_of "$f"; done | sort -u)
for section in "${sections[@]}"; do
  report "$section" "$section: CPU samples over $runs runs" "$out/cpu/${section}"_*.prof
done
report all "acm pipeline, every profiled section: CPU samples over $runs runs" "$out"/cpu/*.prof
for heap in "$out"/heap/*.heap; do
  google-pprof --text --inuse_space --nodecount=15 "$exe" "$heap" \
    >"$out/$(section_of "$heap").heap.txt" 2>/dev/null
done

/usr/bin/python3 - "$out" <<'PY'
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
off, on = (json.loads((out / f"{n}.json").read_text()) for n in ("off", "cpu"))
ratio = on["median_run_s"] / off["median_run_s"]
line = (f"profiling cost: median run {off['median_run_s'] * 1e3:.1f} ms off, "
        f"{on['median_run_s'] * 1e3:.1f} ms with CPU profiles of {on['kept'] // on['runs']} "
        f"sections per run at 1000 Hz ({(ratio - 1) * 100:+.1f}%)")
(out / "overhead.txt").write_text(line + "\n")
print(line)
PY
echo "profile.sh: per-section top/folded/svg, all.svg and *.heap.txt in $out"
