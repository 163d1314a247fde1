#!/usr/bin/env python3
"""Runs tools/build_cost once per file and checks what it wrote: every case measured, the
instrumenting files far below the set-up file, compiled out near an empty file (lines only:
seconds are reported by the tool, never asserted).
Usage: check_build_cost.py REPO_ROOT OUT_DIR CXX"""
import json
import pathlib
import subprocess
import sys

root, out, cxx = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3]
subprocess.run(["/usr/bin/python3", str(root / "tools" / "build_cost"), "--repetitions", "1",
                "--out", str(out), "--cxx", cxx], check=True)
rows = {row["case"]: row for row in json.loads((out / "build_cost.json").read_text())["files"]}
lines = {case: row["preprocessed_lines"] for case, row in rows.items()}
assert len(rows) == 6, rows.keys()
assert all(row["compile_seconds"] > 0 for row in rows.values()), rows
assert lines["instrumenting file, on"] <= 25000, lines
assert lines["instrumenting file, compiled out"] <= 1500, lines
assert lines["set-up file (runtime.hpp), on"] > 3 * lines["instrumenting file, on"], lines
print("build_cost.json:", lines)
