#!/usr/bin/env bash
# Usage: check_lines.sh MAX CXX ARGS...
# Preprocesses with CXX ARGS (-E is added) and fails when the output has more than MAX lines.
# Preprocessed line counts are deterministic for one compiler and library, so the build cost
# budgets of docs/ARCHITECTURE.md are tested, not timed.
set -euo pipefail
max=$1
shift
lines=$("$@" -E | wc -l)
echo "preprocessed lines: $lines (at most $max)"
((lines <= max))
