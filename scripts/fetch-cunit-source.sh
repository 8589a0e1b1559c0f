#!/usr/bin/env bash
# Fetch Debian's CUnit source package (the same CUnit 2.1-3 as libcunit1-dev) and unpack it into
# DEST, for the MinGW build of the Windows test programs (Debian ships no MinGW CUnit).
# Uses a private deb-src list so the machine's apt configuration is left untouched.
# Idempotent: does nothing when DEST already holds the unpacked sources.
set -euo pipefail
dest=${1:?usage: fetch-cunit-source.sh DEST}
if [ -f "$dest/CUnit/Headers/CUnit.h" ]; then exit 0; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
if [ -z "$uri" ]; then
  uri=$(awk '$1 == "deb" && $0 !~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
fi
[ -n "$uri" ] || { echo "fetch-cunit-source: no Debian mirror found in the apt sources" >&2; exit 1; }
suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
mkdir -p "$work/lists/partial"
printf 'Types: deb-src\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
  "$uri" "$suite" > "$work/src.sources"
apt_opts=(-o Dir::Etc::SourceList="$work/src.sources" -o Dir::Etc::SourceParts=/dev/null
          -o Dir::State::Lists="$work/lists" -o APT::Sandbox::User=root)
apt-get "${apt_opts[@]}" -qq update
(cd "$work" && apt-get "${apt_opts[@]}" -qq source --download-only cunit)
tarball=$(ls "$work"/cunit_*.orig.tar.* | head -n 1)
mkdir -p "$dest"
tar -xf "$tarball" -C "$dest" --strip-components=1
test -f "$dest/CUnit/Headers/CUnit.h"
