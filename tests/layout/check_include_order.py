#!/usr/bin/env python3
"""Fails on any #include inside include/vigil that breaks the layer order written in
docs/ARCHITECTURE.md (the fenced block after "## Layers").

A file may include its own folder and any folder of a lower layer. Folders of one layer are
peers and do not include each other, except in the facade layer (the files at the root of
include/vigil and app/, which build on everything below).
Usage: check_include_order.py REPO_ROOT
"""
import pathlib
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+["<](vigil/[^">]+)[">]', re.M)


def layers(doc):
    text = doc.read_text()
    block = re.search(r"## Layers.*?```\n(.*?)```", text, re.S)
    if not block:
        sys.exit(f"{doc}: no fenced block after '## Layers'")
    order = []  # top first
    for line in block.group(1).splitlines():
        if ":" not in line:
            continue
        name, folders = line.split(":", 1)
        order.append((name.strip(), folders.split()))
    rank = {}
    for depth, (name, folders) in enumerate(reversed(order)):
        for folder in folders:
            rank[folder.rstrip("/")] = (depth, name)
    return rank


def folder_of(path):
    """The layer unit of vigil/<...>: its first folder, or '.' for a root file."""
    parts = pathlib.PurePosixPath(path).parts[1:]
    if len(parts) == 1:
        return parts[0] if parts[0] == "config.hpp" else "."
    return parts[0]


def main(root):
    root = pathlib.Path(root)
    rank = layers(root / "docs" / "ARCHITECTURE.md")
    problems = []
    headers = sorted((root / "include").rglob("*.hpp"))
    for header in headers:
        source = "vigil/" + str(header.relative_to(root / "include" / "vigil"))
        own = folder_of(source)
        if own not in rank:
            problems.append(f"{source}: folder '{own}' is in no layer of docs/ARCHITECTURE.md")
            continue
        own_rank, own_layer = rank[own]
        for target in INCLUDE.findall(header.read_text()):
            other = folder_of(target)
            if other not in rank:
                problems.append(f"{source}: includes {target}, whose folder is in no layer")
                continue
            other_rank, other_layer = rank[other]
            if other == own or other_rank < own_rank:
                continue
            if other_rank == own_rank and own_layer == "facade":
                continue
            why = "a higher layer" if other_rank > own_rank else "a peer folder"
            problems.append(f"{source}: includes {target} ({other_layer}, {why})")
    for problem in problems:
        print(problem)
    print(f"{len(headers)} headers checked, {len(problems)} includes break the layer order")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "."))
