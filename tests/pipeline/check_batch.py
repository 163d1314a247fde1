"""`acm-pipeline batch`: every equipment × window runs in a child process, at most
--max-workers at once, each child's pipeline.run a child span of the parent's batch.run in
one trace (TRACEPARENT), each run recorded in its own SQLite; a failing job makes the batch
exit 3 without stopping the others.
Usage: check_batch.py ACM_PIPELINE WORK_DIR"""
import glob
import json
import pathlib
import shutil
import sqlite3
import subprocess
import sys

binary, work = sys.argv[1], pathlib.Path(sys.argv[2])
shutil.rmtree(work, ignore_errors=True)


def fail(message):
    raise SystemExit(f"FAIL: {message}")


def spans(path):
    return [s for line in open(path) for rs in json.loads(line)["resourceSpans"]
            for ss in rs["scopeSpans"] for s in ss["spans"]]


out = work / "ok"
answer = subprocess.run([binary, "batch", "--equip", "FD_FAN,GAS_TURBINE,WFA_TURBINE_10",
                         "--windows", "2", "--max-workers", "2", "--rows", "3000", "--out",
                         str(out)], capture_output=True, text=True, timeout=300)
if answer.returncode != 0:
    fail(f"batch exited {answer.returncode}:\n{answer.stdout}\n{answer.stderr}")
parent = [s for s in spans(out / "batch_otlp.jsonl") if s["name"] == "batch.run"]
if len(parent) != 1:
    fail("the parent exported no batch.run span")
children = sorted(glob.glob(str(out / "*" / "w*" / "otlp.jsonl")))
if len(children) != 6:
    fail(f"{len(children)} job outputs, expected 6")
for path in children:
    root = [s for s in spans(path) if s["name"] == "pipeline.run"]
    if len(root) != 1 or root[0]["traceId"] != parent[0]["traceId"] or \
            root[0].get("parentSpanId") != parent[0]["spanId"]:
        fail(f"{path}: pipeline.run is not a child of batch.run in the same trace")
    db = sqlite3.connect(pathlib.Path(path).parent / "acm.db")
    if db.execute("SELECT Outcome FROM ACM_Runs WHERE RunID LIKE 'batch-%'").fetchone() != ("OK",):
        fail(f"{path}: no OK run recorded")

bad = subprocess.run([binary, "batch", "--equip", "FD_FAN,TOASTER", "--rows", "3000", "--out",
                      str(work / "bad")], capture_output=True, text=True, timeout=300)
if bad.returncode != 3 or "TOASTER" not in bad.stdout:
    fail(f"a failing job should make the batch exit 3:\n{bad.stdout}\n{bad.stderr}")
if not (work / "bad" / "FD_FAN" / "w0" / "acm.db").exists():
    fail("the failing job stopped the others")
none = subprocess.run([binary, "batch", "--out", str(work / "none")], capture_output=True,
                      text=True, timeout=60)
if none.returncode != 2 or "at least one equipment" not in none.stderr:
    fail(f"a batch without equipment should exit 2 with a message:\n{none.stderr}")
print("ok: 6 jobs in one trace, failures isolated and reported")
