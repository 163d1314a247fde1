"""The suite's SVG plots (matplotlib, Agg backend): per-stage P50/P95 beside the seeds',
overhead ratios to BM_clock_pair, scaling curves. Each function returns the SVG text."""
import io
import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import benchjson  # noqa: E402
import tables  # noqa: E402

plt.rcParams.update({"svg.fonttype": "none", "font.size": 9, "axes.grid": True,
                     "grid.alpha": 0.3})


def _svg(figure):
    buffer = io.StringIO()
    figure.tight_layout()
    figure.savefig(buffer, format="svg")
    plt.close(figure)
    return buffer.getvalue()


def stages(results):
    stats = tables.stage_stats(results)
    seeds = tables.seeds()["stages"]
    names = list(stats)
    figure, axis = plt.subplots(figsize=(9, 0.32 * len(names) + 1.2))
    y = range(len(names))
    h = 0.2
    series = [("ours P50", [stats[n][0] for n in names], "#1f77b4"),
              ("ours P95", [stats[n][1] for n in names], "#9ecae1"),
              ("seeds P50", [seeds.get(n, [math.nan])[0] for n in names], "#d62728"),
              ("seeds P95", [seeds.get(n, [math.nan, math.nan])[1] for n in names], "#fc9272")]
    for i, (label, values, colour) in enumerate(series):
        axis.barh([v + (1.5 - i) * h for v in y], [v * 1e3 for v in values], height=h,
                  label=label, color=colour)
    axis.set_yticks(list(y), names)
    axis.invert_yaxis()
    axis.set_xscale("log")
    axis.set_xlabel("milliseconds per call (log scale)")
    axis.set_title("Per-stage P50/P95: vigil's C++ pipeline and the seeds' published figures")
    axis.legend(loc="lower right")
    return _svg(figure)


def overhead(results):
    rows = tables.overhead_ratios(results)
    labels = [f"{run} ({name})" for name, run, *_ in rows]
    ratios = [x_clock for _, _, _, x_clock, _, _ in rows]
    figure, axis = plt.subplots(figsize=(9, 0.24 * len(rows) + 1.2))
    colours = ["#2ca02c" if r < 0.1 else "#1f77b4" if r <= 1 else "#ff7f0e" for r in ratios]
    axis.barh(range(len(rows)), ratios, color=colours)
    axis.axvline(1.0, color="black", linewidth=0.8)
    axis.set_yticks(range(len(rows)), labels, fontsize=7)
    axis.invert_yaxis()
    axis.set_xscale("log")
    axis.set_xlabel("median cost / BM_clock_pair of the same binary (log scale; 1 = two steady_clock reads)")
    axis.set_title("Instrumentation overhead")
    return _svg(figure)


def scaling(results):
    fits = tables.scaling_fits(results)
    rows = {f: e for f, e in fits.items() if not f.endswith("_sensors") and e["points"]}
    sensors = {f: e for f, e in fits.items() if f.endswith("_sensors") and e["points"]}
    figure, (left, right) = plt.subplots(1, 2, figsize=(11, 5))
    for axis, group, xlabel in ((left, rows, "rows"), (right, sensors, "raw sensors (7 features each)")):
        colours = plt.get_cmap("tab20").colors
        for i, (fam, entry) in enumerate(group.items()):
            points = sorted(entry["points"])
            label = f"{benchjson.stage_name(fam)} ({entry['big_o'][0] if entry['big_o'] else '?'})"
            axis.plot([p[0] for p in points], [p[1] for p in points], marker="os^v"[i % 4],
                      markersize=3, label=label, color=colours[(2 * i) % 20 + (i >= 10)],
                      linestyle="-" if i < 10 else "--")
        axis.set_xscale("log")
        if group is sensors and group:
            ticks = sorted({p[0] for e in group.values() for p in e["points"]})
            axis.set_xticks(ticks, [str(t) for t in ticks])
            axis.minorticks_off()
        axis.set_yscale("log")
        axis.set_xlabel(xlabel)
        axis.set_ylabel("seconds per call")
        if group:
            axis.legend(fontsize=6, ncol=2)
    left.set_title("Stages over rows (fitted order)")
    right.set_title("Fits over width at 5000 rows")
    return _svg(figure)
