#!/usr/bin/env bash
# The long span stress: THREADS threads x SPANS parent/child pairs into BUFFER-record rings
# (defaults 16 x 1000000, 1024), every span checked (see tests/integration/stress/).
# usage: tools/stress.sh [THREADS] [SPANS] [BUFFER]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
(cd "$root" && cmake --preset release -G Ninja >/dev/null &&
  cmake --build --preset release --target vigil_span_stress >/dev/null)
exec "$root/build/release/tests/integration/vigil_span_stress" "${1:-16}" "${2:-1000000}" "${3:-1024}"
