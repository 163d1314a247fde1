"""Reading Google Benchmark JSON (--benchmark_out_format=json) for the suite's tools."""
import json
import math
import pathlib
import re

TIME_SCALE = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}


def family(run_name):
    """BM_fit_pca/repeats:15/real_time -> BM_fit_pca/real_time's leading name: BM_fit_pca."""
    return run_name.split("/")[0]


def load(path):
    """Aggregates of one JSON file: {run_name: {aggregate_name: row}} plus the context."""
    with open(path) as f:
        data = json.load(f)
    runs = {}
    for row in data.get("benchmarks", []):
        if row.get("error_occurred"):
            raise SystemExit(f"{path}: {row['name']} failed: {row.get('error_message')}")
        name = row.get("run_name", row["name"])
        kind = row.get("aggregate_name", "iteration") if row.get("run_type") == "aggregate" else "iteration"
        runs.setdefault(name, {}).setdefault(kind, []).append(row)
    return data.get("context", {}), runs


def seconds(row, field="real_time"):
    return row[field] * TIME_SCALE[row.get("time_unit", "ns")]


def median_seconds(aggregates, field="real_time"):
    """The median of a run: its own median aggregate, else the median of its iterations."""
    if "median" in aggregates:
        return seconds(aggregates["median"][0], field)
    values = sorted(seconds(row, field) for row in aggregates["iteration"])
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def statistic(aggregates, name, field="real_time"):
    """A custom statistic such as p50/p95; its time unit is the run's."""
    rows = aggregates.get(name)
    return seconds(rows[0], field) if rows else math.nan


def by_family(runs):
    return {family(name): aggs for name, aggs in runs.items()}


def results_dir(path):
    path = pathlib.Path(path)
    if not path.is_dir():
        raise SystemExit(f"{path}: not a results directory (tools/bench.sh writes them)")
    return path


def stage_name(bench_family):
    """BM_fit_pca -> fit.pca, BM_features_compute -> features.compute: the seeds' names."""
    name = re.sub(r"^BM_", "", bench_family)
    head, _, tail = name.partition("_")
    return f"{head}.{tail}" if tail else head


def format_seconds(value):
    if value is None or math.isnan(value):
        return "-"
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6), ("ns", 1e-9)):
        if value >= scale:
            return f"{value / scale:.3g} {unit}"
    return f"{value / 1e-9:.2g} ns"


def markdown(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)
