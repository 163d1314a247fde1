"""tools/flamegraph: self time per span path from OTLP/JSON lines, folded input, the SVG,
and bad input; then a real acm-pipeline run's spans.

usage: check_flamegraph.py ACM_PIPELINE WORK_DIR
"""
import json
import pathlib
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

from checks import check, finish

ROOT = pathlib.Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "flamegraph"
pipeline, work = sys.argv[1], pathlib.Path(sys.argv[2])
shutil.rmtree(work, ignore_errors=True)
work.mkdir(parents=True)


def span(trace, sid, parent, name, start_us, end_us):
    s = {"traceId": trace, "spanId": sid, "name": name,
         "startTimeUnixNano": str(start_us * 1000), "endTimeUnixNano": str(end_us * 1000)}
    if parent:
        s["parentSpanId"] = parent
    return s


def otlp_line(spans):
    return json.dumps({"resourceSpans": [{"resource": {"attributes": []},
                                          "scopeSpans": [{"scope": {"name": "t"}, "spans": spans}]}]})


def flamegraph(*args):
    return subprocess.run([sys.executable, str(TOOL), *map(str, args)], capture_output=True, text=True)


# Known tree, split over two export batches: run 100 us = a 30 (+ c 10 inside) + b 20;
# a child on another thread outlasting its parent leaves the parent no self time; a span
# whose parent was never exported roots its own path.
t = "0af7651916cd43dd8448eb211c80319c"
(work / "spans.jsonl").write_text("\n".join([
    otlp_line([span(t, "01", "", "run", 0, 100), span(t, "02", "01", "a", 10, 40)]),
    otlp_line([span(t, "03", "02", "c", 20, 30), span(t, "04", "01", "b", 50, 70),
               span(t, "05", "", "async", 0, 10), span(t, "06", "05", "worker", 0, 25),
               span(t, "07", "ff", "orphan", 0, 5)]),
]) + "\n")
done = flamegraph(work / "spans.jsonl", "-o", work / "spans.svg", "--folded", work / "spans.folded")
check(done.returncode == 0, f"flamegraph on spans failed: {done.stderr}")
folded = dict(line.rsplit(" ", 1) for line in (work / "spans.folded").read_text().splitlines())
expected = {"run": "50", "run;a": "20", "run;a;c": "10", "run;b": "20", "async;worker": "25",
            "orphan": "5"}
check(folded == expected, f"folded self times {folded} != {expected}")

svg = ET.parse(work / "spans.svg").getroot()
titles = [e.text for e in svg.iter("{http://www.w3.org/2000/svg}title")]
check(any(t_.startswith("run (100 us") for t_ in titles), f"no 'run (100 us' frame in {titles}")
check(any(t_.startswith("all (130 us, 100.00%)") for t_ in titles), f"root frame wrong: {titles}")
rects = {title.text.split(" (")[0]: float(rect.get("width"))
         for g in svg.iter("{http://www.w3.org/2000/svg}g")
         for title, rect in [(g.find("{http://www.w3.org/2000/svg}title"),
                              g.find("{http://www.w3.org/2000/svg}rect"))]}
check(abs(rects["run"] / rects["all"] - 100 / 130) < 1e-3, "frame widths are not proportional")

# Folded input (CPU samples) draws the same way; its unit is samples.
(work / "cpu.folded").write_text("main;parse 30\nmain;score;dot 60\nmain 10\n")
done = flamegraph(work / "cpu.folded", "--title", "cpu")
check(done.returncode == 0 and "main (100 samples, 100.00%)" in done.stdout,
      f"folded input: {done.returncode} {done.stderr}")

# Bad input: one clear line, non-zero exit, no traceback.
(work / "bad.folded").write_text("main;parse thirty\n")
for path, want in ((work / "bad.folded", "line 1"), (work / "missing.jsonl", "No such file"),
                   (work / "empty.folded", "no spans or stacks")):
    if path.name == "empty.folded":
        path.write_text("\n")
    done = flamegraph(path)
    check(done.returncode != 0 and want in done.stderr and "Traceback" not in done.stderr,
          f"{path.name}: want a clear error with {want!r}, got {done.returncode} {done.stderr!r}")

# A real run: every span's time is accounted once, so the folded total equals the root span.
out = work / "run"
subprocess.run([pipeline, "--out", str(out), "--run-id", "flame"], check=True, capture_output=True)
done = flamegraph(out / "otlp.jsonl", "-o", work / "run.svg", "--folded", work / "run.folded")
check(done.returncode == 0, f"flamegraph on the run failed: {done.stderr}")
lines = (work / "run.folded").read_text().splitlines()
paths = {line.rsplit(" ", 1)[0] for line in lines}
total = sum(int(line.rsplit(" ", 1)[1]) for line in lines)
spans = [s for line in (out / "otlp.jsonl").read_text().splitlines() if line.strip()
         for r in json.loads(line)["resourceSpans"] for sc in r["scopeSpans"] for s in sc["spans"]]
root = next(s for s in spans if s["name"] == "pipeline.run")
root_us = (int(root["endTimeUnixNano"]) - int(root["startTimeUnixNano"])) / 1e3
check(all(p.startswith("pipeline.run") for p in paths), f"a path outside pipeline.run: {paths}")
for stage in ("pipeline.run;models.fit;fit.gmm", "pipeline.run;features.compute",
              "pipeline.run;regimes.fit"):
    check(stage in paths, f"{stage} missing from the run's folded stacks")
check(abs(total - root_us) <= len(lines) + 0.02 * root_us,
      f"folded total {total} us != pipeline.run {root_us:.0f} us")
ET.parse(work / "run.svg")

finish(f"flamegraph: {len(lines)} paths, {total} us of {root_us:.0f} us accounted")
