#!/usr/bin/env bash
# Configures, builds and runs every test (preset `default`; pass another preset name, e.g.
# asan or tsan, as the first argument).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
preset=${1:-default}
"$root/tools/setup.sh"
cd "$root"
cmake --preset "$preset" -G Ninja >/dev/null
cmake --build --preset "$preset" -j "$(nproc)"
ctest --preset "$preset" -j "$(nproc)"
