#!/usr/bin/env bash
# Usage: compare.sh INSTRUMENTED.o BARE.o FUNCTION...
# Disassembles both objects, normalises addresses and symbol offsets, and fails unless
# every FUNCTION has the same instructions in both, and no vigil symbol is left behind.
set -euo pipefail
instrumented=$1 bare=$2
shift 2

body() {  # the normalised instructions of function $2 in object $1
  objdump -d --no-show-raw-insn "$1" |
    awk -v fn="<$2>:" '$2 == fn {on = 1; next} on && /^$/ {exit} on' |
    sed -E 's/^ *[0-9a-f]+:\s*//; s/<[^>]*>//g; s/[[:space:]]+/ /g; s/ $//'
}

status=0
for fn in "$@"; do
  a=$(body "$instrumented" "$fn")
  b=$(body "$bare" "$fn")
  if [[ -z $a ]]; then
    echo "FAIL $fn: not found in $instrumented" >&2
    status=1
  elif [[ $a != "$b" ]]; then
    echo "FAIL $fn differs:" >&2
    diff <(echo "$b") <(echo "$a") >&2 || true
    status=1
  else
    echo "ok   $fn: $(wc -l <<<"$a") identical instructions"
  fi
done
if nm -C "$instrumented" | grep -i vigil >&2; then
  echo "FAIL vigil symbols left in $instrumented" >&2
  status=1
fi
exit $status
