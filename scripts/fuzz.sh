#!/usr/bin/env bash
# Fuzzes the database file reader for a bounded time (fuzz/README.md):
#   scripts/fuzz.sh [seconds]     default 60
# Builds fuzz_dbfile with clang + libFuzzer + ASan/UBSan in build/fuzz, seeds it with the corpus's database
# files (../shared/corpus, read only; each truncated to its first 64 pages) and runs it. Exits non-zero when
# the fuzzer found a crash, printing the reproducer's path and the stack. Ends with "N passed, N failed".
# Environment: ESENT_CORPUS_DIR (default ../shared/corpus), FUZZ_ARTIFACTS (where crash reproducers go,
# default build/fuzz/artifacts), FUZZ_KEEP_CORPUS=1 (keep build/fuzz/corpus from earlier runs), FUZZ_JOBS
# (build parallelism).
set -euo pipefail
secs=${1:-60}
case "$secs" in ''|*[!0-9]*) echo "usage: $0 [seconds]" >&2; exit 2;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build/fuzz
corpus=${ESENT_CORPUS_DIR:-$root/../shared/corpus}
artifacts=${FUZZ_ARTIFACTS:-$build/artifacts}
pages=64
max_len=$((pages * 32768))   # 64 pages of the largest page size

finish() {  # exit status; prints the summary line
  if [ "$1" -eq 0 ]; then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; fi
  exit "$1"
}

for tool in clang cmake; do
  command -v "$tool" >/dev/null || { echo "fuzz: $tool not found (scripts/install-deps.sh test)" >&2; finish 1; }
done

mkdir -p "$build"
echo "== configure and build $build (clang, libFuzzer, ASan + UBSan)"
# RelWithDebInfo at -O1 without -DNDEBUG: line numbers in stacks, assertions on.
cmake -S "$root" -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -g" -DESENT_SANITIZE=address,undefined -DESENT_BUILD_FUZZERS=ON \
      -DESENT_BUILD_TESTS=OFF -DESENT_BUILD_TOOLS=OFF >"$build/configure.log" 2>&1 \
  || { cat "$build/configure.log"; finish 1; }
cmake --build "$build" --target fuzz_dbfile -j"${FUZZ_JOBS:-$(nproc)}" >"$build/build.log" 2>&1 \
  || { cat "$build/build.log"; finish 1; }
bin=$build/bin/fuzz_dbfile

# Seeds: rebuilt on every run, never written into the corpus or the repository. The fuzzer's own corpus
# (inputs it found interesting; large, as inputs are whole files) starts empty unless FUZZ_KEEP_CORPUS=1.
seeds=$build/seeds
rm -rf "$seeds"
[ "${FUZZ_KEEP_CORPUS:-0}" = 1 ] || rm -rf "$build/corpus"
mkdir -p "$seeds" "$build/corpus" "$artifacts"
nseeds=0
if [ -f "$corpus/MANIFEST.tsv" ]; then
  # MANIFEST.tsv: file, repo, path_in_repo, commit, license, size_bytes, sha256, kind, page_size, notes.
  while IFS=$'\t' read -r file _ _ _ _ _ _ kind page_size _; do
    [ "$kind" = database ] || continue
    case "$file" in *.gz|*.zip|*.7z|*.bz2|*.xz) continue;; esac   # uncompressed files only
    [ -f "$corpus/$file" ] || continue
    case "$page_size" in ''|*[!0-9]*) page_size=32768;; esac
    name=$(printf '%s' "$file" | tr '/ ' '__')
    [ -e "$seeds/$name" ] && continue
    head -c $((pages * page_size)) "$corpus/$file" >"$seeds/$name"
    nseeds=$((nseeds + 1))
  done < <(tail -n +2 "$corpus/MANIFEST.tsv")
  echo "== seeds: $nseeds database files of $corpus, first $pages pages each"
else
  # No corpus: a few synthetic headers (both copies valid) followed by two empty pages, for 4, 8 and
  # 32 KiB pages. Only the non-zero dwords matter for the XOR checksum.
  echo "== seeds: $corpus missing: using synthetic database headers instead"
  put32() {  # file offset value
    printf "$(printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($3 & 255)) $(($3 >> 8 & 255)) $(($3 >> 16 & 255)) $(($3 >> 24 & 255)))" |
      dd of="$1" bs=1 seek="$2" conv=notrunc status=none
  }
  for ps in 4096 8192 32768; do
    f=$seeds/synthetic-$ps.edb
    head -c $((4 * ps)) /dev/zero >"$f"
    upd=$(( ps > 8192 ? 0x11 : 0x14 ))
    sum=$(( 0x89ABCDEF ^ 0x89ABCDEF ^ 0x620 ^ 3 ^ ps ^ upd ))   # seed ^ magic ^ version ^ dbstate ^ size ^ update
    for copy in 0 1; do
      base=$((copy * ps))
      put32 "$f" $base $sum
      put32 "$f" $((base + 4)) $((0x89ABCDEF))    # magic
      put32 "$f" $((base + 8)) $((0x620))         # version
      put32 "$f" $((base + 52)) 3                 # dbstate: clean shutdown
      put32 "$f" $((base + 232)) $upd             # update major
      put32 "$f" $((base + 236)) $ps              # page size
    done
    nseeds=$((nseeds + 1))
  done
fi

log=$build/fuzz.log
echo "== fuzz_dbfile for ${secs}s (max_len $max_len); log: $log"
rc=0
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} \
  "$bin" -max_total_time="$secs" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
         -artifact_prefix="$artifacts/" "$build/corpus" "$seeds" >"$log" 2>&1 || rc=$?

grep -E '^INFO: seed corpus|^#[0-9]+[[:space:]]+INITED' "$log" | head -n 2 || true
grep -E '^#[0-9]+[[:space:]]+(DONE|NEW|REDUCE|pulse|INITED)' "$log" | tail -n 1 || true
grep -E '^stat::' "$log" || true
reproducer=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
if [ "$rc" -ne 0 ] || [ -n "$reproducer" ]; then
  echo "== fuzz_dbfile FAILED (exit $rc)"
  # The report: from the first sanitizer/libFuzzer error line to the end of the log.
  awk '/^==[0-9]+==ERROR|runtime error:|invariant violated|ERROR: libFuzzer|==[0-9]+== ERROR/ {p = 1} p' "$log" | head -n 120
  if [ -n "$reproducer" ]; then
    echo "reproducer: $reproducer"
    echo "reproduce:  $bin $reproducer"
  fi
  finish 1
fi
echo "== no crash in ${secs}s (corpus: $build/corpus)"
finish 0
