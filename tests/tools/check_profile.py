"""tools/profile.sh on a real profile-pipeline: per-section CPU profiles google-pprof reads,
collapsed stacks and flame graphs, heap profiles, the cost figure, and every profile's
labels pointing at the span it ran in.

usage: check_profile.py PROFILE_PIPELINE WORK_DIR
"""
import http.server
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import threading
import urllib.parse
import xml.etree.ElementTree as ET

from checks import check, finish

ROOT = pathlib.Path(__file__).resolve().parents[2]
exe, work = sys.argv[1], pathlib.Path(sys.argv[2])
shutil.rmtree(work, ignore_errors=True)
env = dict(os.environ, PROFILE_PIPELINE=exe, PROFILE_OUT=str(work))
done = subprocess.run(["bash", str(ROOT / "tools" / "profile.sh"), "2"], env=env,
                      capture_output=True, text=True)
if done.returncode != 0:
    sys.exit(f"profile.sh exited {done.returncode}:\n{done.stdout}\n{done.stderr}")

# The kernel samples at 100-250 Hz whatever CPUPROFILE_FREQUENCY asks, so only sections of
# tens of milliseconds are sure to hold samples; a flat top-20 need not name the caller,
# but every sampled stack of a section passes through it.
for section, symbol in (("fit.gmm", "GmmDetector"), ("score.iforest", "IsolationForest"),
                        ("regimes.fit", "fit_regimes")):
    top = (work / f"{section}.top.txt").read_text()
    samples = re.match(r"Total: (\d+) samples", top)
    check(samples is not None and int(samples.group(1)) > 0, f"{section}.top.txt has no samples")
    folded = (work / f"{section}.folded").read_text().splitlines()
    check(len(folded) > 0 and all(line.rsplit(" ", 1)[1].isdigit() for line in folded),
          f"{section}.folded is not collapsed stacks")
    check(any(symbol in line for line in folded), f"{section}.folded lacks {symbol}")
    ET.parse(work / f"{section}.svg")
check((work / "all.svg").exists() and (work / "all.folded").stat().st_size > 0, "no all.svg")
heaps = list(work.glob("*.heap.txt"))
check(any("Total:" in h.read_text() for h in heaps), f"no heap report google-pprof read: {heaps}")
check("profiling cost: median run" in (work / "overhead.txt").read_text(), "no cost figure")

spans = {}
for line in (work / "otlp.jsonl").read_text().splitlines():
    for resource in json.loads(line)["resourceSpans"]:
        for scope in resource["scopeSpans"]:
            for span in scope["spans"]:
                spans[(span["traceId"], span["spanId"])] = span["name"]
sidecars = list((work / "cpu").glob("*.json"))
check(len(sidecars) >= 2 * 12, f"{len(sidecars)} CPU sidecars for 2 runs")
for sidecar in sidecars:
    labels = json.loads(sidecar.read_text())
    name = spans.get((labels["trace_id"], labels["span_id"]))
    section = labels["section"]
    check(name is not None and section.startswith(name),
          f"{sidecar.name}: span {labels['span_id']} is {name!r}, section {section!r}")
    check(labels.get("equipment") == "FD_FAN" and labels.get("run_id") and
          labels.get("service_name") == "acm-pipeline", f"{sidecar.name}: labels {labels}")

# tools/pyroscope_push against a receiver on 127.0.0.1 that checks the ingest contract.
received = []


class Ingest(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query, strict_parsing=True)
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        received.append((url.path, {k: v[0] for k, v in query.items()}, body,
                         self.headers.get("X-Scope-OrgID")))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Ingest)
threading.Thread(target=server.serve_forever, daemon=True).start()
gmm = sorted((work / "cpu").glob("fit.gmm_*.prof"))
push = subprocess.run([sys.executable, str(ROOT / "tools" / "pyroscope_push"), "--url",
                       f"http://127.0.0.1:{server.server_port}", "--exe", exe, "--sample-rate",
                       "1000", "--tenant", "acm", *map(str, gmm)], capture_output=True, text=True)
server.shutdown()
check(push.returncode == 0, f"pyroscope_push failed: {push.stderr}")
check(len(received) == len(gmm) == 2, f"{len(received)} pushes for {len(gmm)} profiles")
name_pattern = re.compile(r"acm-pipeline\.cpu\{section=fit\.gmm,equipment=FD_FAN,"
                          r"run_id=[^,{}=]+,trace_id=[0-9a-f]{32},span_id=[0-9a-f]{16}\}")
for path, query, body, tenant in received:
    check(path == "/ingest", f"pushed to {path}")
    check(name_pattern.fullmatch(query.get("name", "")) is not None, f"name {query.get('name')}")
    check(query.get("from", "").isdigit() and query.get("until", "").isdigit() and
          int(query["until"]) > int(query["from"]) > 1.7e9, f"from/until {query}")
    for key, want in (("format", "folded"), ("sampleRate", "1000"), ("spyName", "gperftools"),
                      ("units", "samples"), ("aggregationType", "sum")):
        check(query.get(key) == want, f"{key}={query.get(key)}, want {want}")
    check(tenant == "acm", f"tenant header {tenant}")
    lines = body.splitlines()
    check(lines and all(re.fullmatch(r".+ \d+", line) for line in lines), "body is not folded")
    check(any("GmmDetector" in line for line in lines), "fit.gmm stacks lack GmmDetector")
refused = subprocess.run([sys.executable, str(ROOT / "tools" / "pyroscope_push"), "--url",
                          "http://127.0.0.1:9", "--exe", exe, str(gmm[0])],
                         capture_output=True, text=True)
check(refused.returncode == 1 and "Connection refused" in refused.stderr and
      "Traceback" not in refused.stderr, f"unreachable Pyroscope: {refused.stderr!r}")
finish(f"profile.sh: {len(sidecars)} CPU profiles, each tied to its span; "
       f"{len(received)} pushed to a Pyroscope receiver")
