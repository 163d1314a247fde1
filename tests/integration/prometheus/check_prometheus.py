"""A real Prometheus (Debian's) scrapes the instrumented service on 127.0.0.1; then its
HTTP API must answer acm_stage_duration_seconds_count{stage="fit.gmm"} > 0, a
histogram_quantile(0.95, ...) with a number, and exemplars (scraped as OpenMetrics) whose
trace_id names a trace.
Usage: check_prometheus.py SERVICE_BINARY WORK_DIR"""
import json
import pathlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

service_binary, work = sys.argv[1], pathlib.Path(sys.argv[2])
prometheus = shutil.which("prometheus")
if prometheus is None:
    print("SKIP: Debian's prometheus binary is not installed (tools/setup.sh installs it)")
    sys.exit(0)
shutil.rmtree(work, ignore_errors=True)
work.mkdir(parents=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(what, check, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            result = check()
            if result:
                return result
        except (OSError, ValueError, KeyError, IndexError):
            pass
        time.sleep(0.25)
    raise SystemExit(f"FAIL: timed out waiting for {what}")


def query(promql):
    url = f"http://127.0.0.1:{prom_port}/api/v1/query?" + urllib.parse.urlencode({"query": promql})
    with urllib.request.urlopen(url, timeout=5) as answer:
        return json.load(answer)["data"]["result"]


port_file = work / "service.port"
service = subprocess.Popen([service_binary, str(port_file), "60"])
server = None
try:
    service_port = int(wait_for("the service's port", lambda: port_file.read_text().strip(), 20))
    prom_port = free_port()
    (work / "prometheus.yml").write_text(
        "global:\n  scrape_interval: 1s\n"
        "scrape_configs:\n  - job_name: vigil\n"
        f"    static_configs:\n      - targets: ['127.0.0.1:{service_port}']\n")
    server = subprocess.Popen(
        [prometheus, f"--config.file={work / 'prometheus.yml'}", f"--storage.tsdb.path={work / 'data'}",
         f"--web.listen-address=127.0.0.1:{prom_port}", "--enable-feature=exemplar-storage"],
        stdout=subprocess.DEVNULL, stderr=(work / "prometheus.log").open("w"))
    count = wait_for("fit.gmm samples in Prometheus",
                     lambda: float(query('acm_stage_duration_seconds_count{stage="fit.gmm"}')[0]["value"][1]), 60)
    p95 = wait_for("a P95 from Prometheus", lambda: query(
        'histogram_quantile(0.95, sum by (le) (rate(acm_stage_duration_seconds_bucket{stage="fit.gmm"}[30s])))')[0]["value"][1],
        60)
    p95 = float(p95)
    if not (count > 0 and 0 < p95 < 1):
        raise SystemExit(f"FAIL: count={count} p95={p95}")

    def exemplar_trace():
        now = time.time()
        url = f"http://127.0.0.1:{prom_port}/api/v1/query_exemplars?" + urllib.parse.urlencode(
            {"query": 'acm_stage_duration_seconds_bucket{stage="fit.gmm"}', "start": now - 120, "end": now})
        with urllib.request.urlopen(url, timeout=5) as answer:
            series = json.load(answer)["data"]
        trace_id = series[0]["exemplars"][0]["labels"]["trace_id"]
        return trace_id if len(trace_id) == 32 and int(trace_id, 16) else None

    trace_id = wait_for("an exemplar with a trace_id", exemplar_trace, 30)
    print(f"OK: Prometheus scraped {count:.0f} fit.gmm spans, P95 = {p95 * 1000:.1f} ms, "
          f"exemplar trace {trace_id}")
finally:
    for process in (server, service):
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
