#!/usr/bin/env bash
# Runs a Windows test program under Wine, with our esent.dll mandatory (WINEDLLOVERRIDES=esent=n:
# a missing DLL fails loudly instead of reaching Wine's aborting stubs).
#   tests/wine-run.sh --init        create $WINEPREFIX (once) and start a persistent wineserver
#   tests/wine-run.sh prog.exe ...  run prog.exe
# WINEPREFIX must be set (ctest sets it to <build>/wineprefix). Wine's own output goes to files,
# never through a pipe: a lingering wineserver holding the pipe would block the reader.
set -u
: "${WINEPREFIX:?WINEPREFIX must be set}"
export WINEPREFIX WINEDEBUG=-all WINEARCH=win64
wine=$(command -v wine64 || command -v wine)

# A persistent wineserver, and Wine's system processes (services.exe, winedevice.exe…) started here
# with null stdio: started by a test program they would inherit ctest's output pipe and hold it open
# long after the tests end.
start_server() {
  wineserver -p 60 </dev/null >/dev/null 2>&1 || true
  "$wine" cmd /c exit </dev/null >/dev/null 2>&1 || true
}

if [ "${1:-}" = "--init" ]; then
  if [ ! -f "$WINEPREFIX/system.reg" ]; then
    mkdir -p "$WINEPREFIX"
    WINEDLLOVERRIDES="mscoree,mshtml=" "$wine" wineboot --init </dev/null >"$WINEPREFIX/../wineboot.log" 2>&1
    wineserver -w
  fi
  start_server
  test -f "$WINEPREFIX/system.reg"
  exit $?
fi

start_server
export WINEDLLOVERRIDES="esent=n;${WINEDLLOVERRIDES:-}"
exec "$wine" "$@"
