#!/usr/bin/env bash
# tools/stack.sh up | down | status — Prometheus and Loki on 127.0.0.1 with the configs of
# tools/stack/, natively (no Docker), their data in a temporary directory.
#
#   up      starts Debian's prometheus (rules and scrape targets of tools/stack/prometheus.yml)
#           and a Grafana Loki when one is installed, waits until both answer ready, prints
#           their URLs and what to run next
#   down    stops exactly what `up` started (by pid file) and removes its data
#   status  says what runs
#
# Settings (environment):
#   STACK_DIR          state and data (default ${TMPDIR:-/tmp}/vigil-stack)
#   PROMETHEUS_PORT    default 9090          LOKI_PORT   default 3100
#   PIPELINE_TARGET    default 127.0.0.1:9464 (acm-pipeline watch --metrics-port)
#   SERVICE_TARGET     default 127.0.0.1:9465 (vigil_demo_service --metrics-port)
#   SCRAPE_INTERVAL    default 15s, also the rule evaluation interval
#   LOKI_BIN           a Grafana Loki binary. Debian's `loki` package is a genetics program
#                      of the same name, so a `loki` on PATH is used only if it says it is
#                      Grafana's. Without one, up starts Prometheus alone (say
#                      STACK_REQUIRE_LOKI=1 to make that an error).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
stack=$root/tools/stack
dir=${STACK_DIR:-${TMPDIR:-/tmp}/vigil-stack}
prometheus_port=${PROMETHEUS_PORT:-9090}
loki_port=${LOKI_PORT:-3100}
pipeline_target=${PIPELINE_TARGET:-127.0.0.1:9464}
service_target=${SERVICE_TARGET:-127.0.0.1:9465}
interval=${SCRAPE_INTERVAL:-15s}

fail() {
  echo "stack: $*" >&2
  exit 1
}

running() {  # name: true when its pid file names a live process
  [[ -f $dir/$1.pid ]] && kill -0 "$(cat "$dir/$1.pid")" 2>/dev/null
}

port_taken() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

who_has_port() {
  ss -Htlnp "sport = :$1" 2>/dev/null | sed -E 's/.*users:\(\("([^"]+)",pid=([0-9]+).*/\1 (pid \2)/' | head -1
}

grafana_loki() {
  local candidate=${LOKI_BIN:-}
  if [[ -z $candidate ]] && command -v loki >/dev/null; then candidate=$(command -v loki); fi
  [[ -n $candidate && -x $candidate ]] || return 1
  "$candidate" -version 2>&1 | grep -q "^loki, version" || return 1
  echo "$candidate"
}

wait_ready() {  # name url
  for _ in $(seq 1 120); do
    if curl -fsS -o /dev/null "$2" 2>/dev/null; then return 0; fi
    running "$1" || fail "$1 exited while starting; see $dir/$1.log"
    sleep 0.25
  done
  fail "$1 did not answer $2 within 30 s; see $dir/$1.log"
}

start() {  # name log command...
  local name=$1 log=$2
  shift 2
  nohup "$@" >"$log" 2>&1 &
  echo $! >"$dir/$name.pid"
}

up() {
  if running prometheus || running loki; then
    status
    fail "already up (tools/stack.sh down first)"
  fi
  local prometheus loki=""
  prometheus=$(command -v prometheus) || fail "prometheus not found: install Debian's prometheus (tools/setup.sh does)"
  loki=$(grafana_loki) || loki=""
  if [[ -z $loki && ${STACK_REQUIRE_LOKI:-0} == 1 ]]; then
    fail "no Grafana Loki binary (LOKI_BIN); Debian's loki package is not Grafana Loki"
  fi
  for port in "$prometheus_port" ${loki:+"$loki_port"}; do
    if port_taken "$port"; then
      local holder
      holder=$(who_has_port "$port")
      fail "port 127.0.0.1:$port is taken${holder:+ by $holder}; set PROMETHEUS_PORT / LOKI_PORT"
    fi
  done
  rm -rf "$dir"
  mkdir -p "$dir/prometheus/rules"
  cp "$stack"/rules/*.yml "$dir/prometheus/rules/"
  sed -e "s/127\.0\.0\.1:9464/$pipeline_target/" -e "s/127\.0\.0\.1:9465/$service_target/" \
    -e "s/^\(  scrape_interval:\).*/\1 $interval/" -e "s/^\(  evaluation_interval:\).*/\1 $interval/" \
    "$stack/prometheus.yml" >"$dir/prometheus/prometheus.yml"
  promtool check config "$dir/prometheus/prometheus.yml" >"$dir/promtool.log" 2>&1 ||
    fail "the rendered Prometheus config is invalid: $(cat "$dir/promtool.log")"
  start prometheus "$dir/prometheus.log" "$prometheus" \
    --config.file="$dir/prometheus/prometheus.yml" --storage.tsdb.path="$dir/prometheus/data" \
    --web.listen-address="127.0.0.1:$prometheus_port" --enable-feature=exemplar-storage \
    --web.enable-lifecycle
  if [[ -n $loki ]]; then
    mkdir -p "$dir/loki"
    start loki "$dir/loki.log" "$loki" -config.file="$stack/loki.yml" \
      -server.http-listen-port="$loki_port" -common.path-prefix="$dir/loki"
  fi
  wait_ready prometheus "http://127.0.0.1:$prometheus_port/-/ready"
  echo "stack: Prometheus  http://127.0.0.1:$prometheus_port  (scrapes $pipeline_target, $service_target every $interval)"
  if [[ -n $loki ]]; then
    wait_ready loki "http://127.0.0.1:$loki_port/ready"
    echo "stack: Loki        http://127.0.0.1:$loki_port"
  else
    echo "stack: Loki        not started: no Grafana Loki binary here (LOKI_BIN=/path/to/loki; Debian's loki package is a genetics program)"
  fi
  local push=""
  [[ -n $loki ]] && push=" --loki http://127.0.0.1:$loki_port"
  cat <<EOF
stack: next, in other terminals:
  build/default/reference_pipeline/acm-pipeline watch --metrics-port ${pipeline_target##*:}$push --runs 20
  build/default/tests/examples/vigil_demo_service --metrics-port ${service_target##*:}
  tools/dashboard_snapshot --prometheus http://127.0.0.1:$prometheus_port --loki http://127.0.0.1:$loki_port -o dashboards.html
then tools/stack.sh down
EOF
}

down() {
  local stopped=0
  for name in prometheus loki; do
    [[ -f $dir/$name.pid ]] || continue
    local pid
    pid=$(cat "$dir/$name.pid")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
      echo "stack: stopped $name (pid $pid)"
      stopped=1
    fi
    rm -f "$dir/$name.pid"
  done
  ((stopped)) || echo "stack: nothing was running (from $dir)"
  rm -rf "$dir"
}

status() {
  local any=0
  for name in prometheus loki; do
    if running "$name"; then
      local port=$prometheus_port
      [[ $name == loki ]] && port=$loki_port
      echo "stack: $name running (pid $(cat "$dir/$name.pid")), http://127.0.0.1:$port"
      any=1
    else
      echo "stack: $name not running"
    fi
  done
  ((any))
}

case ${1:-} in
  up) up ;;
  down) down ;;
  status) status ;;
  *) fail "usage: tools/stack.sh up | down | status" ;;
esac
