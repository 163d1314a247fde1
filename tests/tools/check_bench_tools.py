"""The suite's tools on a short real run: tools/stage_table, tools/report (Markdown and
HTML), tools/bench_plots and tools/pipeline_ab, on JSON the bench binaries just wrote.

usage: check_bench_tools.py BENCH_DIR WORK_DIR   (BENCH_DIR holds the built bench binaries)
"""
import json
import pathlib
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

from checks import check, finish

ROOT = pathlib.Path(__file__).resolve().parents[2]
bench, work = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
shutil.rmtree(work, ignore_errors=True)
results = work / "results"
results.mkdir(parents=True)


def run(*args):
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(map(str, args))} exited {done.returncode}:\n{done.stderr}")
    return done.stdout


def bench_json(binary, name, pattern, *extra):
    run(bench / binary, f"--benchmark_filter={pattern}", f"--benchmark_out={results / name}.json",
        "--benchmark_out_format=json", *extra)


# Short runs of the real binaries: the fusion stages, one overhead binary, one scaling curve.
bench_json("vigil_stages_bench", "stages", "BM_fusion")
bench_json("vigil_metrics_bench", "metrics", "BM_tsc_pair|BM_clock_pair|BM_gauge_set",
           "--benchmark_min_time=0.02")
bench_json("vigil_scaling_bench", "scaling", "BM_fusion_combine")

table = run(ROOT / "tools" / "stage_table", results)
rows = {line.split("|")[1].strip(): [c.strip() for c in line.split("|")[2:-1]]
        for line in table.splitlines() if line.startswith("| fusion.")}
check(set(rows) == {"fusion.combine", "fusion.tune_weights"}, f"stage rows: {sorted(rows)}")
combine = rows.get("fusion.combine", [""] * 6)
check(combine[3] == "400 ms" and combine[4] == "700 ms", f"seeds' figures not beside ours: {combine}")
check(re.fullmatch(r"[\d,]+x", combine[5]) is not None, f"no speed-up: {combine}")
check(re.fullmatch(r"[\d,]+", combine[2]) is not None and combine[2] != "0", f"no rate: {combine}")

markdown = run(ROOT / "tools" / "report", results, "--markdown")
gauge = [line for line in markdown.splitlines() if "BM_gauge_set" in line]
check(len(gauge) == 1, "BM_gauge_set missing from the overhead table")
if gauge:
    cells = [c.strip() for c in gauge[0].split("|")[1:-1]]
    stages = json.loads((results / "metrics.json").read_text())["benchmarks"]
    medians = {r["run_name"].split("/")[0]: r["real_time"] for r in stages
               if r.get("aggregate_name") == "median"}
    want = medians["BM_gauge_set"] / medians["BM_clock_pair"]
    check(abs(float(cells[3]) - want) <= 0.01 * want, f"x clock_pair {cells[3]} != {want:.3g}")
check("BM_tsc_pair |" not in markdown, "the floors are listed as overheads")
scaling = [line for line in markdown.splitlines() if line.startswith("| BM_fusion_combine")]
check(len(scaling) == 1 and "1,000..1,000,000" in scaling[0], f"scaling row: {scaling}")

# The A/B with one pair: both variants run, and the ratio is on/off of their timings.
run(ROOT / "tools" / "pipeline_ab", "--pairs", "1", "--instructions", "--build", bench.parent,
    "--out", results / "pipeline_ab.json")
ab = json.loads((results / "pipeline_ab.json").read_text())
on, off = ab["runs"]["on"][0], ab["runs"]["off"][0]
check(on["variant"] == "on" and off["variant"] == "off", f"variants: {on} {off}")
check(abs(ab["ratio_on_off"]["wall_s"]["median"] - on["wall_s"] / off["wall_s"]) < 1e-9,
      "the wall ratio is not on/off")
# Instructions: both variants counted, the instrumented one executes more.
counts = ab["instructions"]
check(counts["off"] > 10**8 and counts["on"] > counts["off"], f"instruction counts: {counts}")
check(abs(counts["ratio_on_off"] - counts["on"] / counts["off"]) < 1e-12, "the count ratio")

run(ROOT / "tools" / "bench_plots", results)
for name in ("stages", "overhead", "scaling"):
    ET.parse(results / f"{name}.svg")
run(ROOT / "tools" / "report", results)
page = (results / "report.html").read_text()
for needle in ("fusion.combine", "BM_gauge_set", "on/off median", "BM_fusion_combine"):
    check(needle in page, f"report.html lacks {needle}")
check(page.count("<svg") == 3, f"report.html has {page.count('<svg')} plots, want 3")
check("src=" not in page and "href=\"http" not in page, "report.html is not self-contained")

bad = subprocess.run([str(ROOT / "tools" / "stage_table"), work / "nowhere"], capture_output=True,
                     text=True)
check(bad.returncode != 0 and "not a results directory" in bad.stderr, f"bad dir: {bad.stderr}")

finish("bench tools: stage table, overhead and scaling tables, A/B, plots and report checked")
