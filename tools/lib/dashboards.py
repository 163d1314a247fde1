"""The Grafana dashboards of tools/stack, read the way Grafana reads them: panels and their
queries, template variables resolved against a live Prometheus/Loki, Grafana's own
variables ($__range, $__interval, $__rate_interval) given fixed values, and the queries
run against the HTTP APIs. Shared by tools/dashboard_snapshot and the stack test."""
import json
import math
import pathlib
import re
import urllib.error
import urllib.parse
import urllib.request

DASHBOARDS = pathlib.Path(__file__).resolve().parents[1] / "stack" / "grafana" / "dashboards"
BUILTINS = {"__range": "30m", "__interval": "15s", "__rate_interval": "1m"}


def load(directory=DASHBOARDS):
    """Every dashboard JSON of the directory, by file name order."""
    return [json.loads(path.read_text()) for path in sorted(directory.glob("*.json"))]


def queries(dashboard):
    """(panel, target, datasource type) for every query of every panel."""
    for panel in dashboard["panels"]:
        for target in panel.get("targets", []):
            kind = (target.get("datasource") or panel["datasource"])["type"]
            yield panel, target, kind


def regex_escape(value):
    """A value as a regex inside a PromQL/LogQL string, the way Grafana escapes it: each
    metacharacter behind a backslash, itself escaped for the string."""
    return re.sub(r"([\\.*+?^${}()|\[\]])", r"\\\\\1", value)


def substitute(expr, values):
    """The query with $name and ${name} replaced; a variable with several values becomes
    the regex alternation Grafana writes for =~ matchers."""
    merged = {**BUILTINS, **values}

    def one(match):
        name = match.group(1) or match.group(2)
        if name not in merged:
            raise KeyError(f"no value for ${name}")
        value = merged[name]
        if isinstance(value, (list, tuple)) and not value:
            raise KeyError(f"${name} has no values")
        if isinstance(value, (list, tuple)):
            escaped = [regex_escape(v) for v in value]
            return "(" + "|".join(escaped) + ")" if len(escaped) > 1 else escaped[0]
        return value

    return re.sub(r"\$\{(\w+)\}|\$(\w+)", one, expr)


def get_json(url, timeout=10):
    with urllib.request.urlopen(url, timeout=timeout) as answer:
        return json.load(answer)


def reachable(url):
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except (OSError, urllib.error.URLError):
        return False


def prometheus_query(base, expr, at=None):
    """An instant query: the result list (raises on an error answer)."""
    params = {"query": expr}
    if at is not None:
        params["time"] = f"{at:.3f}"
    answer = get_json(f"{base}/api/v1/query?" + urllib.parse.urlencode(params))
    if answer.get("status") != "success":
        raise ValueError(answer.get("error", "query failed"))
    return answer["data"]["result"]


def prometheus_range(base, expr, start, end, step):
    answer = get_json(f"{base}/api/v1/query_range?" + urllib.parse.urlencode(
        {"query": expr, "start": f"{start:.3f}", "end": f"{end:.3f}", "step": step}))
    if answer.get("status") != "success":
        raise ValueError(answer.get("error", "query failed"))
    return answer["data"]["result"]


def loki_range(base, expr, start, end, limit=200):
    answer = get_json(f"{base}/loki/api/v1/query_range?" + urllib.parse.urlencode(
        {"query": expr, "start": str(int(start * 1e9)), "end": str(int(end * 1e9)),
         "limit": str(limit), "direction": "backward"}))
    if answer.get("status") != "success":
        raise ValueError(answer.get("error", "query failed"))
    return answer["data"]["result"]


def has_data(result):
    """True when a Prometheus or Loki result holds at least one finite value or log line."""
    for series in result:
        if "stream" in series:  # log lines: [time, line] pairs
            if series["values"]:
                return True
            continue
        points = series.get("values") or [series["value"]]
        if any(math.isfinite(float(value)) for _, value in points):
            return True
    return False


def variable_values(dashboard, prometheus, loki=None, given=None):
    """Each template variable's values: given ones (those the dashboard has) as they are,
    else what its label_values(...) query finds, in order (later variables may use earlier
    ones)."""
    given = given or {}
    values = {}
    for variable in dashboard["templating"]["list"]:
        name = variable["name"]
        if name in given:
            values[name] = given[name]
            continue
        query = variable["query"]["query"] if isinstance(variable["query"], dict) else variable["query"]
        match = re.fullmatch(r"label_values\((?:(.*),\s*)?(\w+)\)", query.strip())
        if match is None:
            raise ValueError(f"{dashboard['title']}: variable {name}: not label_values(): {query}")
        selector, label = match.group(1), match.group(2)
        if variable["datasource"]["type"] == "loki":
            if loki is None:
                values[name] = []
                continue
            found = get_json(f"{loki}/loki/api/v1/label/{label}/values")["data"]
        else:
            params = {"match[]": substitute(selector, values)} if selector else {}
            found = get_json(f"{prometheus}/api/v1/label/{label}/values?" +
                             urllib.parse.urlencode(params))["data"]
        values[name] = sorted(found)
    return values
