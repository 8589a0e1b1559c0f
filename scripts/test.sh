#!/usr/bin/env bash
# The full test run (the README's test command). Builds and tests, in order:
#   1. Linux: libesent.so and every test program            (build/linux)
#   2. Linux with AddressSanitizer + UBSan                     (build/linux-asan)
#   3. Linux with ThreadSanitizer, tests labelled heavy left out (build/linux-tsan)
#   4. Windows x86_64: esent.dll and the same tests under Wine (build/win64)
#   5. Windows i686: esent.dll only, exports checked            (build/win32; no 32-bit Wine here)
#   6. 60 s of libFuzzer (clang, ASan+UBSan) over database file images seeded from the corpus (build/fuzz):
#      fuzz_dbfile (format layer) and fuzz_table (public API: attach, every table, every row), 30 s each
# Exits non-zero if anything fails; ends with one "N passed, N failed" line over all test programs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/install-deps.sh test
jobs=$(nproc)
summary=()
failed=0

run_ctest() {  # name build_dir [extra ctest arguments]
  local log="$root/$2/ctest.log"
  if (cd "$2" && ctest --output-on-failure -j"$jobs" "${@:3}" >"$log" 2>&1); then :; else failed=1; fi
  cat "$log"
  local line
  line=$(grep -E '^[0-9]+% tests passed' "$log" | tail -n 1 || true)
  summary+=("$1: ${line:-no ctest summary}")
  local p f
  p=$(grep -E '^[0-9]+% tests passed' "$log" | tail -n 1 | sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+)/\2 \1/' || true)
  if [ -n "$p" ]; then total_tests=$((total_tests + ${p% *})); total_failed=$((total_failed + ${p#* })); else failed=1; fi
}
total_tests=0 total_failed=0

echo "== 1. Linux build and tests"
cmake -S . -B build/linux -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/linux -j"$jobs"
run_ctest linux build/linux

echo "== 2. Linux with AddressSanitizer and UndefinedBehaviorSanitizer"
cmake -S . -B build/linux-asan -DCMAKE_BUILD_TYPE=Debug -DESENT_SANITIZE=address,undefined >/dev/null
cmake --build build/linux-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 run_ctest linux-asan build/linux-asan

echo "== 3. Linux with ThreadSanitizer"
cmake -S . -B build/linux-tsan -DCMAKE_BUILD_TYPE=Debug -DESENT_SANITIZE=thread >/dev/null
cmake --build build/linux-tsan -j"$jobs"
# Tests labelled heavy are long single-threaded runs with nothing for ThreadSanitizer to find.
TSAN_OPTIONS=halt_on_error=1 run_ctest linux-tsan build/linux-tsan -LE heavy

echo "== 4. Windows x86_64 (MinGW-w64) under Wine"
scripts/fetch-cunit-source.sh build/_deps/cunit
cmake -S . -B build/win64 -DCMAKE_TOOLCHAIN_FILE=toolchains/mingw-w64-x86_64.cmake \
      -DESENT_CUNIT_SOURCE_DIR="$root/build/_deps/cunit" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/win64 -j"$jobs"
run_ctest win64 build/win64
wineserver_prefix=$root/build/win64/wineprefix
WINEPREFIX=$wineserver_prefix wineserver -k >/dev/null 2>&1 || true

echo "== 5. Windows i686 (build and export check only)"
cmake -S . -B build/win32 -DCMAKE_TOOLCHAIN_FILE=toolchains/mingw-w64-i686.cmake -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/win32 -j"$jobs"
total_tests=$((total_tests + 2))
if scripts/check-dll-exports.sh build/win32/bin/esent.dll i686-w64-mingw32-objdump; then
  summary+=("win32: esent.dll exports all names undecorated")
else
  failed=1 total_failed=$((total_failed + 1)); summary+=("win32: export check FAILED")
fi
# A 32-bit program links against the import library (decorated __stdcall names).
if i686-w64-mingw32-gcc -std=c99 -Wall -Wextra -pedantic -Werror -Iesent/include -o build/win32/consumer.exe \
     tests/install/consumer.c build/win32/lib/libesent.a; then
  summary+=("win32: a program links against the 32-bit import library")
else
  failed=1 total_failed=$((total_failed + 1)); summary+=("win32: 32-bit link check FAILED")
fi

echo "== 6. Fuzzing database files for ${FUZZ_SECONDS:-60} s (fuzz_dbfile and fuzz_table, half each)"
fuzz_rc=0
scripts/fuzz.sh "${FUZZ_SECONDS:-60}" >build/fuzz.log 2>&1 || fuzz_rc=$?
fuzz_line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' build/fuzz.log | tail -n 1 || true)
fuzz_p=$(printf '%s' "${fuzz_line:-0 passed, 2 failed}" | sed -E 's/^([0-9]+) passed, ([0-9]+) failed$/\1/')
fuzz_f=$(printf '%s' "${fuzz_line:-0 passed, 2 failed}" | sed -E 's/^([0-9]+) passed, ([0-9]+) failed$/\2/')
if [ "$fuzz_rc" -ne 0 ] && [ "$fuzz_f" -eq 0 ]; then fuzz_f=1; fi
total_tests=$((total_tests + fuzz_p + fuzz_f))
if [ "$fuzz_f" -eq 0 ]; then
  summary+=("fuzz: no crash in ${FUZZ_SECONDS:-60} s ($fuzz_p targets)")
else
  failed=1 total_failed=$((total_failed + fuzz_f)); summary+=("fuzz: $fuzz_f target(s) CRASHED (see build/fuzz.log)")
fi
tail -n 8 build/fuzz.log

echo
echo "== Summary"
printf '  %s\n' "${summary[@]}"
echo "$((total_tests - total_failed)) passed, $total_failed failed"
exit $failed
