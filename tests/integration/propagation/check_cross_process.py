"""Runs the cross-process program and checks that parent and child exported one trace,
with the child's root span under the parent's span and marked as having a remote parent."""
import json
import pathlib
import subprocess
import sys

binary, out_dir = sys.argv[1], pathlib.Path(sys.argv[2])
out_dir.mkdir(parents=True, exist_ok=True)
for old in out_dir.glob("*.jsonl"):
    old.unlink()
subprocess.run([binary, "parent", str(out_dir)], check=True)


def spans(role):
    path = out_dir / f"{role}.jsonl"
    result = []
    for line in path.read_text().splitlines():
        for resource in json.loads(line)["resourceSpans"]:
            for scope in resource["scopeSpans"]:
                result.extend(scope["spans"])
    return {span["name"]: span for span in result}


parent, child = spans("parent"), spans("child")
batch = parent["pipeline.batch"]
equipment, fit = child["pipeline.equipment"], child["fit.gmm"]
traces = {span["traceId"] for span in [*parent.values(), *child.values()]}
problems = []
if len(traces) != 1:
    problems.append(f"expected one trace, got {sorted(traces)}")
if equipment.get("parentSpanId") != batch["spanId"]:
    problems.append("the child's root is not under the parent's span")
if not equipment["flags"] & 0x200:
    problems.append("the child's root does not say its parent is remote")
if fit.get("parentSpanId") != equipment["spanId"] or fit["flags"] & 0x200:
    problems.append("fit.gmm is not a local child of pipeline.equipment")
if "parentSpanId" in batch:
    problems.append("the parent's span should be a root")
if problems:
    print("\n".join(problems))
    sys.exit(1)
print(f"OK: one trace {traces.pop()}, child root under {batch['spanId']}")
