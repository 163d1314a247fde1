#!/usr/bin/env bash
# Usage: pkg_config.sh PREFIX OUT_DIR on|off [COMPILER FLAGS...]
# A user without CMake: one plain compiler line with `pkg-config --cflags --libs vigil-http`
# (and vigil-gperftools where the package has it)
# from PREFIX, plus the user's own flags (e.g. -DVIGIL_ENABLED=0), then the same checks as
# the CMake consumers: the span exported and its argument evaluated, or neither and the
# compiled-out twins' machine code identical to the bare ones.
set -euo pipefail
prefix=$1 out=$2 expect=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
export PKG_CONFIG_PATH=$prefix/share/pkgconfig
cxx=${CXX:-c++}
modules=(vigil-http)
defines=(-DCONSUMER_HTTP)
if pkg-config --exists vigil-gperftools; then
  modules+=(vigil-gperftools)
  defines+=(-DCONSUMER_GPERFTOOLS)
fi
read -r -a cflags <<<"$(pkg-config --cflags "${modules[@]}")"
read -r -a libs <<<"$(pkg-config --libs "${modules[@]}")"
if [[ " ${libs[*]} " != *" -ldl "* ]]; then
  echo "FAIL pkg-config --libs ${modules[*]} lacks -ldl: ${libs[*]}" >&2
  exit 1
fi
mkdir -p "$out"
strict=(-Wall -Wextra -Wpedantic -Werror)
"$cxx" "${cflags[@]}" "$@" "${strict[@]}" "${defines[@]}" "$here/main.cpp" -o "$out/consumer" \
  "${libs[@]}"
line=$("$out/consumer")
echo "$line"
if [[ $expect == on ]]; then
  [[ $line == "spans exported: 1, arguments evaluated: 1" ]]
  exit
fi
[[ $line == "spans exported: 0, arguments evaluated: 0" ]]
for twin in instrumented bare; do
  "$cxx" "${cflags[@]}" "$@" "${strict[@]}" -O2 -g0 -fno-asynchronous-unwind-tables -c \
    "$here/../compile_out/asm/$twin.cpp" -o "$out/$twin.o"
done
"$here/../compile_out/asm/compare.sh" "$out/instrumented.o" "$out/bare.o" weighted_sum \
  count_above threshold_crossings
