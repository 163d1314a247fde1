"""Folded stacks ("root;child;leaf VALUE" per line), from spans or from a file, and the
flame graph SVG drawn from them. Shared by tools/flamegraph, tools/report and, later, the
CPU-profile tools."""
import collections
import hashlib
import json
from xml.sax.saxutils import escape


def spans_from_otlp(lines):
    """Spans of OTLP/JSON lines (one ExportTraceServiceRequest per line)."""
    spans = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            request = json.loads(line)
        except json.JSONDecodeError as e:
            raise SystemExit(f"line {number}: not OTLP JSON ({e})")
        for resource in request.get("resourceSpans", []):
            for scope in resource.get("scopeSpans", []):
                spans.extend(scope.get("spans", []))
    return spans


def fold_spans(spans):
    """{path: self time in microseconds}. A span's self time is its duration less its
    children's (children running on other threads can outlast it: then it is 0). A span
    whose parent was not exported is a root of its own path."""
    by_id = {(s["traceId"], s["spanId"]): s for s in spans}
    children = collections.defaultdict(list)
    for s in spans:
        parent = (s["traceId"], s.get("parentSpanId", ""))
        if parent in by_id:
            children[parent].append(s)

    def duration(s):
        return max(0, int(s["endTimeUnixNano"]) - int(s["startTimeUnixNano"])) / 1e3

    def path(s):
        names = [s["name"]]
        parent = by_id.get((s["traceId"], s.get("parentSpanId", "")))
        while parent is not None:
            names.append(parent["name"])
            parent = by_id.get((parent["traceId"], parent.get("parentSpanId", "")))
        return ";".join(reversed(names))

    folded = collections.Counter()
    for s in spans:
        inner = sum(duration(c) for c in children[(s["traceId"], s["spanId"])])
        folded[path(s)] += max(0.0, duration(s) - inner)
    return {p: round(v) for p, v in folded.items() if round(v) > 0}


def read_folded(lines):
    folded = collections.Counter()
    for number, line in enumerate(lines, 1):
        line = line.rstrip("\n")
        if not line.strip():
            continue
        stack, _, value = line.rpartition(" ")
        try:
            folded[stack] += int(float(value))
        except ValueError:
            raise SystemExit(f"line {number}: want 'frame;frame;frame COUNT', got {line[:80]!r}")
        if not stack:
            raise SystemExit(f"line {number}: no frames before the count")
    return dict(folded)


def write_folded(folded):
    return "".join(f"{stack} {value}\n" for stack, value in sorted(folded.items()))


def _tree(folded):
    root = {"name": "all", "value": 0, "children": {}}
    for stack, value in folded.items():
        node = root
        root["value"] += value
        for frame in stack.split(";"):
            node = node["children"].setdefault(frame, {"name": frame, "value": 0, "children": {}})
            node["value"] += value
    return root


def _colour(name):
    # Warm hues, stable per name, so the same stage has the same colour in every graph.
    h = int(hashlib.md5(name.encode()).hexdigest()[:6], 16)
    return f"rgb({205 + h % 50},{(h >> 8) % 180 + 40},{(h >> 16) % 55})"


def flame_svg(folded, title="Flame graph", unit="us", width=1200, frame_height=17):
    """A self-contained SVG: the root at the bottom, frames sorted by name, widths by total
    value; every frame has a tooltip with its value and share."""
    root = _tree(folded)
    total = max(root["value"], 1)
    depth = 0
    rects = []

    def place(node, x, level):
        nonlocal depth
        depth = max(depth, level)
        rects.append((node, x, level))
        child_x = x
        for name in sorted(node["children"]):
            child = node["children"][name]
            place(child, child_x, level + 1)
            child_x += child["value"]

    place(root, 0, 0)
    margin, top = 10, 40
    height = top + (depth + 1) * frame_height + 30
    scale = (width - 2 * margin) / total
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="Verdana, sans-serif" font-size="11">',
           f'<rect width="{width}" height="{height}" fill="#fdfdf6"/>',
           f'<text x="{width / 2}" y="24" text-anchor="middle" font-size="16">{escape(title)}</text>']
    for node, x, level in rects:
        w = node["value"] * scale
        if w < 0.3:
            continue
        y = height - 30 - (level + 1) * frame_height
        share = 100.0 * node["value"] / total
        label = f'{node["name"]} ({node["value"]:,} {unit}, {share:.2f}%)'
        fill = "#c8c8c8" if level == 0 else _colour(node["name"])
        out.append(f'<g><title>{escape(label)}</title><rect x="{margin + x * scale:.2f}" y="{y}" '
                   f'width="{w:.2f}" height="{frame_height - 1}" fill="{fill}" rx="2"/>')
        chars = int((w - 6) / 7)
        if chars >= 3:
            text = node["name"] if len(node["name"]) <= chars else node["name"][:chars - 2] + ".."
            out.append(f'<text x="{margin + x * scale + 3:.2f}" y="{y + frame_height - 5}">'
                       f'{escape(text)}</text>')
        out.append("</g>")
    out.append(f'<text x="{margin}" y="{height - 10}" font-size="10">total {total:,} {unit}; '
               f'width is time including children, hover for figures</text></svg>')
    return "\n".join(out) + "\n"
