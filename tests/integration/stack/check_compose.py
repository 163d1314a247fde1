"""tools/stack/docker-compose.yml cannot run here (no Docker engine): check that it and the
configs it mounts parse, that every mounted file exists, that images are pinned, and that
nothing listens beyond 127.0.0.1 (host network, loopback addresses; no published ports).
Also that Grafana's provisioning points at datasources and dashboards that exist.

usage: check_compose.py
"""
import json
import pathlib
import re
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "tests" / "tools"))
from checks import check, finish  # noqa: E402

stack = ROOT / "tools" / "stack"
compose = yaml.safe_load((stack / "docker-compose.yml").read_text())
services = compose["services"]
check({"otel-collector", "tempo", "loki", "prometheus", "pyroscope", "grafana"} <= set(services),
      f"services: {sorted(services)}")
for name, service in services.items():
    image = service.get("image", "")
    check(re.fullmatch(r"[\w./-]+:v?\d+(\.\d+)+", image) is not None, f"{name}: image {image!r} is not pinned")
    check(service.get("network_mode") == "host" and "ports" not in service,
          f"{name}: not on the host network, or publishes ports")
    for volume in service.get("volumes", []):
        source = volume.split(":")[0]
        path = (stack / source).resolve()
        check(path.exists(), f"{name}: mounts {source}, which does not exist")
        if path.is_file() and path.suffix in (".yml", ".yaml"):
            yaml.safe_load(path.read_text())
    for value in list(service.get("command", [])) + list((service.get("environment") or {}).values()):
        for address in re.findall(r"(\d+\.\d+\.\d+\.\d+)", str(value)):
            check(address == "127.0.0.1", f"{name}: listens on {address}")
for config in ("otel-collector.yml", "tempo.yml", "loki.yml", "prometheus.yml"):
    text = (stack / config).read_text()
    yaml.safe_load(text)
    for address in re.findall(r"(?:endpoint|address|url|addr)\S*:\s*\S*?(\d+\.\d+\.\d+\.\d+)", text):
        check(address == "127.0.0.1", f"{config}: binds or points at {address}")

provisioning = stack / "grafana" / "provisioning"
sources = yaml.safe_load((provisioning / "datasources" / "datasources.yml").read_text())["datasources"]
uids = {source["uid"]: source for source in sources}
check(set(uids) == {"prometheus", "loki", "tempo"}, f"datasources: {sorted(uids)}")
check(uids["prometheus"]["jsonData"]["exemplarTraceIdDestinations"][0]["datasourceUid"] == "tempo",
      "Prometheus exemplars do not link to Tempo")
derived = uids["loki"]["jsonData"]["derivedFields"][0]
check(derived["matcherRegex"] == '"trace_id":"([a-f0-9]+)"' and derived["datasourceUid"] == "tempo",
      f"Loki's derived field: {derived}")
tempo = uids["tempo"]["jsonData"]
check(tempo["tracesToLogsV2"]["datasourceUid"] == "loki" and
      tempo["tracesToMetrics"]["datasourceUid"] == "prometheus", "Tempo's links to logs/metrics")
mounted = {v.split(":")[1]: v.split(":")[0] for v in services["grafana"]["volumes"]}
provider = yaml.safe_load((provisioning / "dashboards" / "dashboards.yml").read_text())["providers"][0]
check(provider["options"]["path"] in mounted, "the dashboards provider path is not mounted")
for path in sorted((stack / "grafana" / "dashboards").glob("*.json")):
    dashboard = json.loads(path.read_text())
    for panel in dashboard["panels"]:
        check(panel["datasource"]["uid"] in uids, f"{path.name}/{panel['title']}: unknown datasource")
        check(bool(panel.get("targets")), f"{path.name}/{panel['title']}: no queries")
finish(f"check_compose: {len(services)} services, their mounts and Grafana's provisioning are consistent")
