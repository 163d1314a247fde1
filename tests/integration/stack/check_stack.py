"""Every panel of every dashboard, and every recording rule, proven against a real run:
tools/stack.sh brings Prometheus (and Loki, when a Grafana Loki is installed) up on
127.0.0.1; acm-pipeline watch and vigil_demo_service run under it long enough for a few
scrapes; then each panel's queries, with the run's template values, must answer with data.
The LogQL queries run against Loki when it is up, and are parsed with Grafana's LogQL
grammar either way. tools/dashboard_snapshot renders the same dashboards; the stack is
stopped at the end and must be gone.

usage: check_stack.py ACM_PIPELINE DEMO_SERVICE WORK_DIR
"""
import os
import pathlib
import re
import shutil
import signal
import socket
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "tools" / "lib"))
sys.path.insert(0, str(ROOT / "tests" / "tools"))
import dashboards  # noqa: E402
from checks import check, finish  # noqa: E402

pipeline_exe, service_exe, work = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3])
if shutil.which("prometheus") is None:
    sys.exit("FAIL: Debian's prometheus is not installed (tools/setup.sh installs it)")
shutil.rmtree(work, ignore_errors=True)
work.mkdir(parents=True)
RUNS, EQUIPMENT = 3, ["FD_FAN", "GAS_TURBINE"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


ports = {name: free_port() for name in ("prometheus", "loki", "pipeline", "service", "api")}
env = dict(os.environ, STACK_DIR=str(work / "stack"), PROMETHEUS_PORT=str(ports["prometheus"]),
           LOKI_PORT=str(ports["loki"]), PIPELINE_TARGET=f"127.0.0.1:{ports['pipeline']}",
           SERVICE_TARGET=f"127.0.0.1:{ports['service']}", SCRAPE_INTERVAL="1s")
prometheus = f"http://127.0.0.1:{ports['prometheus']}"
loki = f"http://127.0.0.1:{ports['loki']}"


def stack(command):
    return subprocess.run([str(ROOT / "tools" / "stack.sh"), command], env=env,
                          capture_output=True, text=True)


def wait_for(what, condition, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if condition():
                return
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.5)
    raise SystemExit(f"FAIL: timed out waiting for {what}")


up = stack("up")
print(up.stdout, end="")
if up.returncode != 0:
    sys.exit(f"FAIL: tools/stack.sh up exited {up.returncode}: {up.stderr}")
loki_up = dashboards.reachable(f"{loki}/ready")
processes = []
try:
    service = subprocess.Popen(
        [service_exe, "--port", str(ports["api"]), "--metrics-port", str(ports["service"]),
         "--load", "30", "--seconds", "300"], stdout=subprocess.DEVNULL,
        stderr=(work / "service.log").open("w"))
    processes.append(service)
    # Prometheus hands new targets to its scrapers only every 5 s: the pipeline starts once
    # both targets were scraped (the pipeline's as down), so every run is seen.
    wait_for("Prometheus scraping both targets",
             lambda: len(dashboards.prometheus_query(prometheus, "up")) == 2, 60)
    watch_args = [pipeline_exe, "watch", "--equip", ",".join(EQUIPMENT), "--runs", str(RUNS),
                  "--interval", "1", "--linger", "300", "--metrics-port", str(ports["pipeline"]),
                  "--out", str(work / "watch")]
    if loki_up:
        watch_args += ["--loki", loki]
    watch_log = (work / "watch.out").open("w")
    watch = subprocess.Popen(watch_args, stdout=watch_log, stderr=(work / "watch.err").open("w"))
    processes.append(watch)

    def runs_done():
        return len(re.findall(r"^\w+ run (run-\w+): OK", (work / "watch.out").read_text(), re.M))

    wait_for("every run of acm-pipeline watch", lambda: runs_done() == RUNS * len(EQUIPMENT), 120)
    run_ids = re.findall(r"^FD_FAN run (run-\w+): OK", (work / "watch.out").read_text(), re.M)
    # Both targets scraped since the last run ended, and the rules evaluated on them.
    time.sleep(4)
    wait_for("both targets up",
             lambda: len(dashboards.prometheus_query(prometheus, "up == 1")) == 2, 30)
    given = {"equipment": ["FD_FAN"], "run_id": [run_ids[-1]], "job": ["acm-pipeline"],
             "route": ["/v1/synthesize"]}

    logql = []
    panels = 0
    for dashboard in dashboards.load():
        values = dashboards.variable_values(dashboard, prometheus, loki if loki_up else None, given)
        for variable, found in dashboards.variable_values(dashboard, prometheus).items():
            check(bool(found), f"{dashboard['title']}: variable ${variable} finds no values")
        for panel, target, kind in dashboards.queries(dashboard):
            where = f"{dashboard['title']} / {panel['title']} ({target['refId']})"
            expr = dashboards.substitute(target["expr"], values)
            panels += 1
            if kind == "loki":
                logql.append((where, expr))
                if loki_up:
                    now = time.time()
                    result = dashboards.loki_range(loki, expr, now - 1800, now)
                    check(dashboards.has_data(result), f"{where}: no data from Loki for {expr}")
                continue
            try:
                result = dashboards.prometheus_query(prometheus, expr)
            except (OSError, ValueError) as error:
                check(False, f"{where}: query fails: {error}: {expr}")
                continue
            check(dashboards.has_data(result), f"{where}: no data for {expr}")
    print(f"check_stack: {panels} panel queries of {len(dashboards.load())} dashboards run")

    rules = 0
    for group_file in sorted((ROOT / "tools" / "stack" / "rules").glob("*_recording.yml")):
        for name in sorted(set(re.findall(r"^\s*- record: (\S+)", group_file.read_text(), re.M))):
            rules += 1
            check(dashboards.has_data(dashboards.prometheus_query(prometheus, name)),
                  f"recording rule {name}: no data")
    check(rules >= 10, f"only {rules} recording rules found")
    print(f"check_stack: {rules} recording rules have data")

    parsed = subprocess.run(["node", str(pathlib.Path(__file__).parent / "check_logql.mjs")],
                            input="".join(f"{w}\t{q}\n" for w, q in logql), text=True,
                            capture_output=True)
    check(parsed.returncode == 0, f"LogQL that Grafana's grammar refuses:\n{parsed.stdout}{parsed.stderr}")
    print(f"check_stack: {len(logql)} LogQL queries parse with Grafana's grammar"
          + ("" if loki_up else "; no Grafana Loki here, so they did not run"))

    snapshot = work / "dashboards.html"
    done = subprocess.run([str(ROOT / "tools" / "dashboard_snapshot"), "--prometheus", prometheus,
                           "--loki", loki, "--range", "5m", "-o", str(snapshot),
                           "--var", f"run_id={run_ids[-1]}"],
                          capture_output=True, text=True)
    check(done.returncode == 0, f"dashboard_snapshot exited {done.returncode}: {done.stderr}")
    if done.returncode == 0:
        page = snapshot.read_text()
        check(page.count("<svg") >= 15, f"snapshot has {page.count('<svg')} plots")
        for dashboard in dashboards.load():
            check(dashboard["title"] in page, f"snapshot lacks {dashboard['title']}")
        check('class="nodata"' not in page, "a snapshot panel of Prometheus shows no data")
finally:
    for process in processes:
        process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
    down = stack("down")
    print(down.stdout, end="")

check(down.returncode == 0 and "stopped prometheus" in down.stdout, f"stack down: {down.stdout}")
check(not (work / "stack").exists(), "stack down left its directory")
check(not dashboards.reachable(f"{prometheus}/-/ready"), "Prometheus still answers after down")
check(stack("status").returncode != 0, "status says something still runs")
finish("check_stack: every panel and recording rule has data; the stack is down")
