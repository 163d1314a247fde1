"""acm-pipeline as a user runs it: the default synthetic run and what it writes (SQLite rows,
a Chrome trace, OTLP lines, JSON logs with trace ids, Prometheus text that promtool
accepts); with ../shared/data/skab there, a SKAB file as CSV input and `evaluate --skab`
(F1 held at 0.80 or more); and bad input: one clear message and the documented exit
status, never a crash.
Usage: check_cli.py ACM_PIPELINE WORK_DIR SKAB_DIR"""
import json
import pathlib
import shutil
import socket
import sqlite3
import subprocess
import sys

binary, work, skab = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
shutil.rmtree(work, ignore_errors=True)
work.mkdir(parents=True)


def fail(message):
    raise SystemExit(f"FAIL: {message}")


def run(*args, expect):
    answer = subprocess.run([binary, *args], capture_output=True, text=True, timeout=120)
    if answer.returncode != expect:
        fail(f"{args}: exit {answer.returncode}, expected {expect}\n{answer.stdout}\n{answer.stderr}")
    return answer


out = work / "default"
answer = run("--out", str(out), "--run-id", "cli-test", expect=0)
if "injected faults found: 3 of 3" not in answer.stdout:
    fail(f"the default run did not find its 3 faults:\n{answer.stdout}")
for stage in ("pipeline.run", "fit.pca", "fit.gmm", "score.iforest", "fusion.detect_episodes",
              "sql.insert"):
    if f"\n{stage} " not in answer.stdout:
        fail(f"stage table lacks {stage}")
db = sqlite3.connect(out / "acm.db")
if db.execute("SELECT Outcome, Episodes FROM ACM_Runs WHERE RunID='cli-test'").fetchone() != ("OK", 3):
    fail("ACM_Runs lacks the OK run with its 3 episodes")
if db.execute("SELECT COUNT(*) FROM ACM_Scores_Wide WHERE RunID='cli-test'").fetchone()[0] != 1500 * 7:
    fail("ACM_Scores_Wide should hold 1500 rows × (6 heads + fused)")
if db.execute("SELECT Version FROM ACM_ModelRegistry WHERE RunID='cli-test'").fetchone() != (1,):
    fail("ACM_ModelRegistry lacks version 1 for the run")
if db.execute("SELECT COUNT(*) FROM ACM_EpisodeCulprits WHERE RunID='cli-test' AND Rank=1").fetchone()[0] != 3:
    fail("ACM_EpisodeCulprits should name a first culprit for each of the 3 episodes")
json.loads((out / "trace.json").read_text())
spans = [json.loads(line) for line in (out / "otlp.jsonl").read_text().splitlines()]
trace_ids = {s["traceId"] for r in spans for rs in r["resourceSpans"] for ss in rs["scopeSpans"]
             for s in ss["spans"]}
logs = [json.loads(line) for line in (out / "logs.jsonl").read_text().splitlines()]
if not logs or any(l["trace_id"] not in trace_ids for l in logs if "trace_id" in l):
    fail("JSON logs missing, or with trace ids that no exported span has")
if {l.get("run_id") for l in logs} != {"cli-test"} or {l.get("equipment") for l in logs} != {"FD_FAN"}:
    fail("JSON logs lack the run context")
promtool = shutil.which("promtool")
if promtool:
    subprocess.run([promtool, "check", "metrics"], stdin=open(out / "metrics.prom"), check=True,
                   capture_output=True)

csv = skab / "valve1" / "0.csv"
if csv.exists():
    answer = run("--csv", str(csv), "--equip", "SKAB_VALVE1_0", "--out", str(work / "skab"), expect=0)
    if "outcome OK" not in answer.stdout:
        fail(f"the SKAB file did not run OK:\n{answer.stdout}")
else:
    print(f"NOTE: {csv} is absent; the CSV run was not checked")

if skab.exists():
    answer = run("evaluate", "--skab", str(skab), expect=0)
    ours = [line for line in answer.stdout.splitlines() if line.startswith("acm-pipeline")]
    if not ours or float(ours[0].split()[1]) < 0.80:
        fail(f"SKAB F1 below the 0.80 held since it was measured:\n{answer.stdout}")
    print(ours[0])

taken = socket.socket()
taken.bind(("127.0.0.1", 0))
taken.listen()
taken_port = taken.getsockname()[1]
bad_csv = work / "bad.csv"
bad_csv.write_text("time,x\n1,1.5\n2,oops\n")
for args, status, message in (
        (["--help"], 0, "usage: acm-pipeline"),
        (["--rows", "many"], 2, "--rows wants a whole number, not 'many'"),
        (["--frobnicate", "1"], 2, "unknown option --frobnicate"),
        (["--csv", str(work / "missing.csv")], 2, "cannot open"),
        (["--csv", str(bad_csv)], 2, "bad.csv:3: column 'x': 'oops' is not a number"),
        (["--rows", "300", "--train-rows", "150"], 1, "too little data"),
        (["--equip", "TOASTER"], 2, "unknown equipment 'TOASTER'"),
        (["evaluate", "--skab", str(work / "nowhere")], 2, "is not a directory"),
        (["watch", "--metrics-port", "70000"], 2, "--metrics-port wants 0..65535"),
        (["watch", "--interval", "soon"], 2, "--interval wants seconds in [0, 86400], not 'soon'"),
        (["watch", "--equip", ","], 2, "--equip wants at least one name"),
        (["watch", "--metrics-port", str(taken_port)], 2, f"cannot listen on 127.0.0.1:{taken_port}")):
    out_dir = [] if args[0] == "evaluate" else ["--out", str(work / "bad")]
    answer = run(*args, *out_dir, expect=status)
    text = answer.stdout + answer.stderr
    if message not in text:
        fail(f"{args}: no '{message}' in\n{text}")
    if status == 2 and text.count(message) > 2:  # the console log and the closing line
        fail(f"{args}: the message repeats:\n{text}")
print("ok: default run, outputs, SKAB CSV and bad input")
