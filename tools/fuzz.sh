#!/usr/bin/env bash
# Fuzzes one target with clang's libFuzzer under ASan+UBSan, from its committed corpus
# (tests/corpus/TARGET/) for SECONDS, and prints how many executions ran. New interesting
# inputs go to build/fuzz/corpus/TARGET/; with --save they are merged, minimised, into the
# committed corpus. A crash leaves its input in build/fuzz/ and exits non-zero.
#
# usage: tools/fuzz.sh TARGET SECONDS [--save]
#   TARGET: json_escape prometheus_label propagation environment csv_loader http_endpoint
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
target=${1:-}
seconds=${2:-}
targets=(json_escape prometheus_label propagation environment csv_loader http_endpoint)
if [[ -z $target || -z $seconds || ! " ${targets[*]} " =~ " $target " ]]; then
  echo "usage: tools/fuzz.sh TARGET SECONDS [--save]   (TARGET: ${targets[*]})" >&2
  exit 2
fi
command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ missing (apt-get install clang)" >&2; exit 2; }
out=$root/build/fuzz
mkdir -p "$out/corpus/$target"
flags=(-std=c++17 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
       -I"$root/include" -I"$root/tests/fuzz" -DVIGIL_PROFILING=1)
sources=("$root/tests/fuzz/$target.cpp")
if [[ $target == csv_loader ]]; then
  # The loader lives in the pipeline: its sources, built with the same instrumentation.
  flags+=(-I"$root/reference_pipeline" -I/usr/include/eigen3)
  mapfile -t pipeline < <(ls "$root"/reference_pipeline/*.cpp | grep -v -e '/main.cpp$' -e '/watch.cpp$')
  sources+=("${pipeline[@]}")
  libs=(-lsqlite3 -lpthread)
elif [[ $target == http_endpoint ]]; then
  read -r -a cflags <<<"$(pkg-config --cflags cpp-httplib)"
  flags+=("${cflags[@]}")
  read -r -a libs <<<"$(pkg-config --libs cpp-httplib) -lpthread"
else
  libs=(-lpthread)
fi
binary=$out/fuzz_$target
if [[ ! -x $binary || -n $(find "$root/include" "$root/tests/fuzz" "$root/reference_pipeline" -newer "$binary" -name '*.[ch]pp' | head -1) ]]; then
  echo "fuzz.sh: building $binary"
  clang++ "${flags[@]}" "${sources[@]}" "${libs[@]}" -o "$binary"
fi
cd "$out"
log=$out/$target.log
set +e
"$binary" -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$out/$target-" \
  "$out/corpus/$target" "$root/tests/corpus/$target" >"$log" 2>&1
status=$?
set -e
runs=$(grep -a -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
if ((status != 0)); then
  grep -a -E "ERROR|property failed|SUMMARY" "$log" | head -5 >&2
  echo "fuzz.sh: $target failed after $runs executions; input in $out/$target-*, log $log" >&2
  exit 1
fi
echo "fuzz.sh: $target ran $runs executions in $seconds s, no failure"
if [[ ${3:-} == --save ]]; then
  "$binary" -merge=1 "$root/tests/corpus/$target" "$out/corpus/$target" >>"$log" 2>&1
  echo "fuzz.sh: merged into tests/corpus/$target ($(ls "$root/tests/corpus/$target" | wc -l) files)"
fi
