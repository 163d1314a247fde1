"""The suite's tables, built from one bench/results/<commit>/ directory.

Each function returns (title, header, rows, note) so tools/stage_table, tools/report and
the plots share one reading of the JSON.
"""
import json
import math
import pathlib

import benchjson

ROOT = pathlib.Path(__file__).resolve().parents[2]
SEEDS = ROOT / "bench" / "reference" / "seeds_stages.json"
# Budgets from docs/ARCHITECTURE.md, as multiples of BM_tsc_pair or absolute seconds.
BUDGETS = {
    "BM_span_off": "<= 1 ns", "BM_span_unsampled": "<= 1 ns", "BM_span_plain": "<= 1.3x tsc",
    "BM_span_attrs2": "<= 2x tsc", "BM_span_nested3": "<= 3.9x tsc",
    "BM_counter_add": "<= 2 ns", "BM_counter_add_labels": "<= 20 ns",
    "BM_histogram_record": "<= 5 ns", "BM_serialize_1000": "<= 0.3 ms",
    "BM_log_filtered": "<= 1 ns", "BM_log_json_null": "<= 60 ns",
    "BM_log_json_async": "<= 0.7x tsc",
}
OVERHEAD_FILES = ("overhead", "metrics", "log", "export")
FLOORS = ("BM_tsc_pair", "BM_clock_pair")


def seeds():
    with open(SEEDS) as f:
        return json.load(f)


def stage_stats(results):
    """{stage: (p50 s, p95 s, rows/s)} from stages.json."""
    _, runs = benchjson.load(benchjson.results_dir(results) / "stages.json")
    stats = {}
    for fam, aggs in benchjson.by_family(runs).items():
        if fam in FLOORS:
            continue
        rate = aggs["median"][0].get("rows/s", math.nan) if "median" in aggs else math.nan
        stats[benchjson.stage_name(fam)] = (benchjson.statistic(aggs, "p50"),
                                            benchjson.statistic(aggs, "p95"), rate)
    return stats


def stage_table(results):
    published = seeds()
    rows = []
    for stage, (p50, p95, rate) in stage_stats(results).items():
        seed = published["stages"].get(stage)
        speedup = f"{seed[0] / p50:,.0f}x" if seed and p50 > 0 else "-"
        rows.append([stage, benchjson.format_seconds(p50), benchjson.format_seconds(p95),
                     f"{rate:,.0f}", benchjson.format_seconds(seed[0]) if seed else "-",
                     benchjson.format_seconds(seed[1]) if seed else "-", speedup])
    note = (f"Seeds: {published['source']}. {published['caveat']} Our shape: "
            f"{published['shape']} (regimes here on all 15 sensors).")
    return ("Per-stage P50/P95 (bench/stages_bench.cpp, 15 repetitions)",
            ["Operation", "P50", "P95", "Samples/sec", "seeds P50", "seeds P95", "speed-up (P50)"],
            rows, note)


def pipeline_ab(results):
    """tools/pipeline_ab's summary, or None where the directory has none."""
    path = benchjson.results_dir(results) / "pipeline_ab.json"
    if not path.exists():
        return None
    with open(path) as f:
        return json.load(f)


def build_cost_table(results):
    path = benchjson.results_dir(results) / "build_cost.json"
    if not path.exists():
        return None
    cost = json.loads(path.read_text())
    rows = [[f["case"], f"{f['preprocessed_lines']:,}", f"{f['compile_seconds']:.3f} s"]
            for f in cost["files"]]
    return ("What including vigil costs a build (tools/build_cost)",
            ["file", "preprocessed lines", "-O2 compile (median)"], rows,
            f"{cost['compiler']}, median of {cost['repetitions']} compiles; budget "
            "(docs/ARCHITECTURE.md): an instrumenting file <= 25,000 lines and no slower than "
            "Tracy's ZoneScoped file, compiled out <= 1,500 lines.")


def available(results):
    """Which of the plots/tables a results directory has the JSON for."""
    results = benchjson.results_dir(results)
    return {"stages": (results / "stages.json").exists(),
            "overhead": any((results / f"{n}.json").exists() for n in OVERHEAD_FILES),
            "scaling": (results / "scaling.json").exists()}


def short_name(run_name):
    """BM_x/iterations:500000/repeats:9/real_time/threads:2 -> BM_x/threads:2."""
    keep = [part for part in run_name.split("/")
            if not part.startswith(("iterations:", "repeats:", "min_time:", "real_time"))]
    return "/".join(keep)


def per_call_seconds(aggregates):
    """Wall time per call, but CPU time per call per thread for a multi-thread run, whose
    wall time per iteration is shared by its threads; per item where a benchmark counts
    items (a batch per iteration)."""
    rows = aggregates.get("median") or aggregates["iteration"]
    if rows[0].get("items_per_second"):
        return 1.0 / rows[0]["items_per_second"]
    field = "cpu_time" if rows[0].get("threads", 1) > 1 else "real_time"
    return benchjson.median_seconds(aggregates, field)


def overhead_ratios(results):
    """[(file, benchmark, median s, x clock_pair, x tsc_pair)] for every overhead binary."""
    out = []
    for name in OVERHEAD_FILES:
        path = benchjson.results_dir(results) / f"{name}.json"
        if not path.exists():
            continue
        _, runs = benchjson.load(path)
        medians = {short_name(run): per_call_seconds(aggs) for run, aggs in runs.items()}
        floor = {f: v for f, v in medians.items() if f in FLOORS}
        missing = [f for f in FLOORS if f not in floor]
        if missing:
            raise SystemExit(f"{path}: no {', '.join(missing)} in this binary's run")
        for run, value in medians.items():
            if run not in FLOORS:
                out.append((name, run, value, value / floor["BM_clock_pair"],
                            value / floor["BM_tsc_pair"], floor))
    return out


def overhead_table(results):
    rows = []
    for name, run, value, x_clock, x_tsc, floor in overhead_ratios(results):
        rows.append([name, run, benchjson.format_seconds(value), f"{x_clock:.3g}", f"{x_tsc:.3g}",
                     BUDGETS.get(benchjson.family(run), "")])
    return ("Instrumentation overhead, medians, ratios to the same binary's floors",
            ["binary", "benchmark", "median", "x clock_pair", "x tsc_pair", "budget"], rows,
            "Each binary measures its own BM_clock_pair (two steady_clock reads) and BM_tsc_pair "
            "(two rdtsc); ratios are to the floors of the same run. Multi-thread rows "
            "(threads:N) give CPU time per call per thread.")


def scaling_fits(results):
    """{benchmark family: (complexity, coefficient, rms, [(n, seconds)])} from scaling.json."""
    path = benchjson.results_dir(results) / "scaling.json"
    if not path.exists():
        return {}
    with open(path) as f:
        data = json.load(f)
    fits = {}
    for row in data["benchmarks"]:
        fam = row["name"].split("/")[0]
        if fam in FLOORS:
            continue
        entry = fits.setdefault(fam, {"points": [], "big_o": None, "rms": None})
        if row.get("aggregate_name") == "BigO":
            entry["big_o"] = (row["big_o"], row["real_coefficient"])
        elif row.get("aggregate_name") == "RMS":
            entry["rms"] = row["rms"]
        elif row.get("run_type") == "iteration":
            entry["points"].append((int(row["name"].split("/")[1]), benchjson.seconds(row)))
    return fits


# What each stage should cost in N. The isolation forest and OMR fit on bounded subsamples;
# the GMM standardises all rows, then runs EM on at most 2000. Over sensors, PCA's
# covariance is quadratic in width and OMR fits one model per sensor on all the others.
EXPECTED = {
    "features.compute": "N", "regimes.fit": "N", "fit.ar1": "N", "score.ar1": "N",
    "fit.pca": "N", "score.pca": "N", "fit.iforest": "1", "score.iforest": "N",
    "fit.gmm": "N", "score.gmm": "N", "fit.omr": "1", "score.omr": "N",
    "fusion.tune_weights": "N", "fusion.combine": "N",
    "fit.pca_sensors": "N^2", "fit.gmm_sensors": "N", "fit.omr_sensors": "N^2",
}


def expected_order(fam):
    return EXPECTED.get(benchjson.stage_name(fam), "?")


def scaling_table(results):
    rows = []
    for fam, entry in scaling_fits(results).items():
        points = sorted(entry["points"])
        fitted = entry["big_o"][0] if entry["big_o"] else "-"
        expected = expected_order(fam)
        if fitted == "-" or order_rank(fitted) == order_rank(expected):
            note = ""
        elif order_rank(fitted) > order_rank(expected):
            note = "grows worse than expected"
        else:
            note = "grows slower than expected"
        rows.append([fam, f"{points[0][0]:,}..{points[-1][0]:,}" if points else "-",
                     benchjson.format_seconds(points[-1][1]) if points else "-", fitted,
                     f"{entry['rms']:.0%}" if entry["rms"] is not None else "-", expected, note])
    return ("Scaling (bench/scaling_bench.cpp), Google Benchmark's complexity fit",
            ["benchmark", "N", "time at largest N", "fitted", "RMS", "expected", "note"], rows,
            "N is rows (10^3..10^6) or, for *_sensors, raw sensors (15..120; 7 features each) "
            "at 5000 rows.")


# Google Benchmark's names for its fitted orders; "1" is how EXPECTED writes O(1). N and
# NlgN are one class, and so are 1 and lgN: over 10^3..10^6 with noisy timings the fit
# cannot tell them apart.
RANK = {"(1)": 0, "1": 0, "lgN": 0, "N": 2, "NlgN": 2, "N^2": 4, "N^3": 5}


def order_rank(big_o):
    return RANK.get(big_o, -1)
