#!/usr/bin/env bash
# Installs the Debian 12 packages a build needs; installs nothing that is already there.
#   install-deps.sh demo   compiler and CMake (the Linux library and the demo)
#   install-deps.sh test   everything for the full test run: CUnit, MinGW-w64, Wine, Python
#   install-deps.sh bench  the benchmark's other engines: SQLite and LMDB (scripts/bench.sh)
set -euo pipefail
profile=${1:-test}
pkgs=(build-essential cmake pkg-config libicu-dev)   # ICU: the Linux port's sort keys and locales (port/nls.c)
if [ "$profile" = test ]; then
  pkgs+=(libcunit1-dev python3 mingw-w64 wine wine64 ca-certificates clang libclang-rt-14-dev
        libesedb-utils python3-impacket)   # third-party ESE readers: the interop yardstick
elif [ "$profile" = bench ]; then
  pkgs+=(libsqlite3-dev liblmdb-dev)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
