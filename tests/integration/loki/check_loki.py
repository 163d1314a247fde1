"""Logs pushed by vigil's LokiSink, checked where they land.

With a Grafana Loki binary (LOKI_BIN, or `loki` on PATH that says it is Grafana Loki), a
single-process Loki on 127.0.0.1 receives the pushes and its HTTP API is queried:
{app="acm"} | json, and {app="acm", component="GMM"}. Neither Debian nor npm packages
Grafana Loki (Debian's `loki` is an unrelated linkage-analysis program), so where it is
absent the pushes go to a recorder on 127.0.0.1 that enforces the push API's documented
contract (JSON body shape, label names, nanosecond string timestamps, line limits) and the
same checks run on what it recorded.

Either way: every record the workload shipped arrives once; streams carry app, level,
component, equipment and run_id labels and no trace label; every line is a JSON object
whose level/component match its stream; the derived-field regex "trace_id":"([a-f0-9]+)"
finds, in each line logged inside a span, the trace id that span has in the OTLP file.
Usage: check_loki.py WORKLOAD_BINARY WORK_DIR"""
import http.server
import json
import os
import pathlib
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

workload, work = sys.argv[1], pathlib.Path(sys.argv[2])
shutil.rmtree(work, ignore_errors=True)
work.mkdir(parents=True)
DERIVED_FIELD = re.compile(r'"trace_id":"([a-f0-9]+)"')
LABEL_NAME = re.compile(r"^[a-zA-Z_][a-zA-Z0-9_]*$")


def fail(message):
    raise SystemExit(f"FAIL: {message}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def grafana_loki():
    candidate = os.environ.get("LOKI_BIN") or shutil.which("loki")
    if not candidate:
        return None
    try:
        banner = subprocess.run([candidate, "-version"], capture_output=True, text=True,
                                timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return candidate if "loki, version" in banner.stdout + banner.stderr else None


class Recorder(http.server.BaseHTTPRequestHandler):
    """Loki's push endpoint as documented: POST /loki/api/v1/push, application/json,
    {"streams":[{"stream":{labels},"values":[["<unix ns>","<line>"(,{metadata})]]}]},
    204 on success, 400 with a reason otherwise."""
    streams = []  # (labels, [(ns, line)]) in arrival order
    problems = []
    lock = threading.Lock()

    def log_message(self, *args):
        pass

    def reject(self, why):
        with self.lock:
            self.problems.append(why)
        self.send_response(400)
        self.end_headers()
        self.wfile.write(why.encode())

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path != "/loki/api/v1/push":
            return self.reject(f"unknown path {self.path}")
        if not self.headers.get("Content-Type", "").startswith("application/json"):
            return self.reject("Content-Type is not application/json")
        try:
            request = json.loads(body)
        except ValueError as e:
            return self.reject(f"body is not JSON: {e}")
        if set(request) != {"streams"} or not isinstance(request["streams"], list):
            return self.reject("body must be {\"streams\": [...]}")
        now = time.time_ns()
        accepted = []
        for stream in request["streams"]:
            labels, values = stream.get("stream"), stream.get("values")
            if not isinstance(labels, dict) or not labels or len(labels) > 15:
                return self.reject(f"stream needs 1..15 labels: {labels}")
            for name, value in labels.items():
                if not LABEL_NAME.match(name) or not isinstance(value, str) or len(value) > 2048:
                    return self.reject(f"bad label {name}={value!r}")
            if not isinstance(values, list) or not values:
                return self.reject("stream without values")
            for entry in values:
                if not isinstance(entry, list) or len(entry) not in (2, 3):
                    return self.reject(f"entry must be [ts, line(, metadata)]: {entry}")
                ts, line = entry[0], entry[1]
                if not isinstance(ts, str) or not ts.isdigit():
                    return self.reject(f"timestamp must be a string of unix ns: {ts!r}")
                if not now - 7 * 86400 * 10**9 < int(ts) < now + 600 * 10**9:
                    return self.reject(f"timestamp out of Loki's accepted window: {ts}")
                if not isinstance(line, str) or len(line.encode()) > 256 * 1024:
                    return self.reject("line must be a string of at most 256 KiB")
            accepted.append((labels, [(int(ts), line) for ts, line, *_ in values]))
        with self.lock:
            self.streams.extend(accepted)
        self.send_response(204)
        self.end_headers()


def run_workload(url):
    environment = dict(os.environ, OTEL_SERVICE_NAME="acm-pipeline",
                       OTEL_RESOURCE_ATTRIBUTES="service.namespace=acm")
    answer = subprocess.run([workload, url, str(work / "otlp.jsonl")], capture_output=True,
                            text=True, timeout=60, env=environment)
    sys.stderr.write(answer.stderr)
    if answer.returncode != 0:
        fail(f"workload exited {answer.returncode}: {answer.stdout}")
    return int(re.search(r"shipped (\d+)", answer.stdout).group(1))


def query_loki(port, logql, expected):
    """Loki's query_range, polled until `expected` lines are there; (labels, line) pairs."""
    params = urllib.parse.urlencode({"query": logql, "limit": 5000,
                                     "start": time.time_ns() - 3600 * 10**9,
                                     "end": time.time_ns() + 60 * 10**9})
    deadline, found = time.time() + 30, []
    while time.time() < deadline:
        url = f"http://127.0.0.1:{port}/loki/api/v1/query_range?{params}"
        with urllib.request.urlopen(url, timeout=10) as answer:
            result = json.load(answer)["data"]["result"]
        found = [(s["stream"], line) for s in result for _, line in s["values"]]
        if len(found) >= expected:
            return found
        time.sleep(0.5)
    fail(f"{logql}: {len(found)} lines, expected {expected}")


def spans_by_id():
    spans = {}
    for request in (work / "otlp.jsonl").read_text().splitlines():
        for rs in json.loads(request)["resourceSpans"]:
            for ss in rs["scopeSpans"]:
                for span in ss["spans"]:
                    spans[span["spanId"]] = span
    return spans


def check(lines, shipped, gmm_lines, parsed_labels):
    """`lines`: (stream labels, line) of {app="acm"}; `parsed_labels`: whether the labels
    also hold the fields `| json` extracted (real Loki)."""
    if len(lines) != shipped:
        fail(f"{len(lines)} lines arrived, the workload shipped {shipped}")
    spans = spans_by_id()
    in_spans = 0
    for labels, line in lines:
        record = json.loads(line)
        for key in ("app", "level", "component", "equipment", "run_id"):
            if key not in labels:
                fail(f"stream without label {key}: {labels}")
        if "trace_id" in labels and not parsed_labels:
            fail("trace_id became a stream label (one stream per trace)")
        if (labels["app"], labels["equipment"], labels["run_id"]) != ("acm", "FD_FAN", "r42"):
            fail(f"wrong app/equipment/run_id labels: {labels}")
        if labels["level"] != record["level"] or labels["component"] != record["component"]:
            fail(f"stream labels {labels} disagree with the line {line}")
        if parsed_labels and labels.get("message") != record["message"]:
            fail(f"| json did not extract the message: {labels}")
        match = DERIVED_FIELD.search(line)
        if match:
            in_spans += 1
            span = spans.get(record["span_id"])
            if span is None or span["traceId"] != match.group(1):
                fail(f"trace_id {match.group(1)} / span {record['span_id']} is no exported span")
        elif record["component"] != "CFG":
            fail(f"a line logged inside a span has no trace_id: {line}")
    if in_spans != shipped - 1:
        fail(f"{in_spans} lines carry a trace_id, expected {shipped - 1}")
    if len(gmm_lines) != 2 or any(json.loads(l)["component"] != "GMM" for _, l in gmm_lines):
        fail(f"component=\"GMM\" selected {len(gmm_lines)} lines, expected GMM's 2")
    warn = [json.loads(l) for _, l in lines if json.loads(l)["level"] == "warn"]
    if len(warn) != 1 or warn[0]["message"] != 'threshold "p99" crossed\ttwice':
        fail(f"the escaped warning did not survive: {warn}")
    if warn[0].get("request_id") != "req-2" or warn[0].get("session_id") != "s-1":
        fail(f"the request context is missing from {warn[0]}")
    print(f"ok: {len(lines)} lines, {in_spans} of them matched to their spans by trace_id")


loki = grafana_loki()
if loki is None:
    print("NOTE: no Grafana Loki binary (LOKI_BIN or a Grafana `loki` on PATH); Debian and "
          "npm do not package it. Checking against the push-API recorder instead.")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    shipped = run_workload(f"http://127.0.0.1:{server.server_address[1]}")
    server.shutdown()
    if Recorder.problems:
        fail(f"the push API rejected our requests: {Recorder.problems}")
    lines = [(labels, line) for labels, values in Recorder.streams for _, line in values]
    gmm = [(labels, line) for labels, line in lines if labels.get("component") == "GMM"]
    check(lines, shipped, gmm, parsed_labels=False)
    sys.exit(0)

port, grpc = free_port(), free_port()
(work / "loki.yaml").write_text(f"""auth_enabled: false
server:
  http_listen_address: 127.0.0.1
  http_listen_port: {port}
  grpc_listen_address: 127.0.0.1
  grpc_listen_port: {grpc}
common:
  instance_addr: 127.0.0.1
  path_prefix: {work}/loki
  storage:
    filesystem:
      chunks_directory: {work}/loki/chunks
      rules_directory: {work}/loki/rules
  replication_factor: 1
  ring:
    kvstore:
      store: inmemory
schema_config:
  configs:
    - from: 2020-10-24
      store: tsdb
      object_store: filesystem
      schema: v13
      index:
        prefix: index_
        period: 24h
analytics:
  reporting_enabled: false
""")
log = open(work / "loki.log", "w")
server = subprocess.Popen([loki, f"-config.file={work / 'loki.yaml'}"], stdout=log,
                          stderr=subprocess.STDOUT)
try:
    deadline = time.time() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/ready", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if time.time() > deadline or server.poll() is not None:
            fail(f"Loki did not become ready; see {work / 'loki.log'}")
        time.sleep(0.5)
    shipped = run_workload(f"http://127.0.0.1:{port}")
    lines = query_loki(port, '{app="acm"} | json', shipped)
    gmm = query_loki(port, '{app="acm", component="GMM"}', 2)
    check(lines, shipped, gmm, parsed_labels=True)
finally:
    server.terminate()
    server.wait(timeout=30)
