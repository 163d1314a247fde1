"""SIGTERM (and SIGINT) with flush_on_signals: the process still dies by the signal, and
every span and log line recorded before it reached the files.

usage: check_signal_flush.py BINARY WORK_DIR
"""
import json
import pathlib
import shutil
import signal
import subprocess
import sys

binary, work = sys.argv[1], pathlib.Path(sys.argv[2])
failures = []
for sig in (signal.SIGTERM, signal.SIGINT):
    out = work / sig.name
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    process = subprocess.Popen([binary, str(out), "1000"], stdout=subprocess.PIPE, text=True)
    if process.stdout.readline().strip() != "ready":
        sys.exit(f"{sig.name}: the program did not get ready")
    process.send_signal(sig)
    code = process.wait(timeout=30)
    spans = sum(len(scope["spans"]) for line in (out / "otlp.jsonl").read_text().splitlines()
                for resource in json.loads(line)["resourceSpans"]
                for scope in resource["scopeSpans"])
    logs = len((out / "logs.jsonl").read_text().splitlines())
    print(f"{sig.name}: exit {code}, {spans} spans, {logs} log lines")
    if code != -sig:
        failures.append(f"{sig.name}: exit code {code}, want death by the signal ({-sig})")
    if spans != 1000 or logs != 1000:
        failures.append(f"{sig.name}: {spans} spans and {logs} log lines of 1000 reached the files")
if failures:
    sys.exit("\n".join(failures))
