#!/usr/bin/env bash
# Installs what the build, tests and benchmarks need on Debian 12, then the npm packages
# the integration tests use. Idempotent: when everything is present it only checks.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

packages=(
  cmake g++ make ninja-build pkg-config binutils   # build, objdump for the compile-out check
  catch2 libbenchmark-dev libbenchmark-tools        # tests, benchmarks, their comparison
  nlohmann-json3-dev                                # JSON checks in tests and fuzz targets
  libcpp-httplib-dev libssl-dev zlib1g-dev libbrotli-dev  # opt-in OTLP/HTTP, Loki push
  libfmt-dev                                        # opt-in log message formatting
  xtensor-dev libeigen3-dev libsqlite3-dev          # the reference pipeline
  python3-sklearn                                   # cross-checks of its numerics
  python3-matplotlib librsvg2-bin                   # benchmark plots, SVG -> PNG checks
  libgoogle-perftools-dev google-perftools          # profile sections, google-pprof
  python3                                           # cross-process trace check
  prometheus                                        # promtool; tools/stack.sh's Prometheus
  python3-yaml curl                                 # the stack's config checks, readiness
  nodejs                                            # speedscope's importer checks Chrome traces
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node builds from nodesource bundle npm; Debian's nodejs needs the separate package.
command -v npm >/dev/null || missing+=(npm)
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Node tools the integration tests run: speedscope's importer, the OTLP protobuf schema,
# Grafana's LogQL grammar.
for tool in chrome_trace otlp stack; do
  dir="$root/tests/integration/$tool"
  stamp="$dir/node_modules/.package-lock.json"
  if [[ ! -f $stamp || $dir/package-lock.json -nt $stamp ]]; then
    echo "setup: npm ci in tests/integration/$tool"
    npm ci --no-audit --no-fund --loglevel=error --prefix "$dir" >/dev/null
  fi
done
