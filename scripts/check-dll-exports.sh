#!/usr/bin/env bash
# usage: check-dll-exports.sh esent.dll OBJDUMP
# Checks that the DLL's export table has exactly the names of esent/esent.def, undecorated.
set -euo pipefail
dll=$1 objdump=$2
root=$(cd "$(dirname "$0")/.." && pwd)
want=$(awk '/^EXPORTS/{on=1; next} on && /^    [A-Za-z]/{print $1}' "$root/esent/esent.def" | sort)
have=$("$objdump" -p "$dll" | awk '/\[Ordinal\/Name Pointer\] Table/{on=1; next} on && /^\t\[/{print $NF} on && /^$/{on=0}' | sort)
if [ "$want" != "$have" ]; then
  diff <(echo "$want") <(echo "$have") | head -n 20
  echo "export table of $dll differs from esent.def" >&2
  exit 1
fi
echo "$dll: $(echo "$have" | wc -l) exports, as esent.def"
