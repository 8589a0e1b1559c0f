#!/usr/bin/env bash
# Fuzzes the database file readers for a bounded time (fuzz/README.md):
#   scripts/fuzz.sh [seconds]     default 60, shared by the two targets
# Builds fuzz_dbfile and fuzz_table with clang + libFuzzer + ASan/UBSan in build/fuzz and runs each for half
# the time: fuzz_dbfile (the format layer, page by page) seeded with the corpus's database files (../shared/corpus,
# read only; each truncated to its first 64 pages), fuzz_table (attach read-only through the public API and read
# every table) seeded with the corpus's 4 KiB-page database files, also cut to 64 pages. Exits non-zero when a
# fuzzer found a crash, printing the reproducer's path and the stack. Ends with "N passed, N failed" (targets).
# Environment: ESENT_CORPUS_DIR (default ../shared/corpus), FUZZ_ARTIFACTS (where crash reproducers go,
# default build/fuzz/artifacts), FUZZ_KEEP_CORPUS=1 (keep build/fuzz/corpus* from earlier runs), FUZZ_JOBS
# (build parallelism), FUZZ_BUILD_DIR (the build tree, default build/fuzz).
set -euo pipefail
secs=${1:-60}
case "$secs" in ''|*[!0-9]*) echo "usage: $0 [seconds]" >&2; exit 2;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
build=${FUZZ_BUILD_DIR:-$root/build/fuzz}
corpus=${ESENT_CORPUS_DIR:-$root/../shared/corpus}
artifacts=${FUZZ_ARTIFACTS:-$build/artifacts}
pages=64
max_len=$((pages * 32768))   # 64 pages of the largest page size

finish() {  # exit status; prints the summary line (a build failure fails both targets)
  if [ "$1" -eq 0 ]; then echo "2 passed, 0 failed"; else echo "0 passed, 2 failed"; fi
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
cmake --build "$build" --target fuzz_dbfile fuzz_table -j"${FUZZ_JOBS:-$(nproc)}" >"$build/build.log" 2>&1 \
  || { cat "$build/build.log"; finish 1; }
# Seeds: rebuilt on every run, never written into the corpus or the repository. The fuzzers' own corpora
# (inputs they found interesting; large, as inputs are whole files) start empty unless FUZZ_KEEP_CORPUS=1.
seeds=$build/seeds
seeds_table=$build/seeds-table
table_pages=64
table_max_len=$((table_pages * 4096))   # fuzz_table: 64 pages of its instance's page size
rm -rf "$seeds" "$seeds_table"
[ "${FUZZ_KEEP_CORPUS:-0}" = 1 ] || rm -rf "$build/corpus" "$build/corpus-table"
mkdir -p "$seeds" "$seeds_table" "$build/corpus" "$build/corpus-table" "$artifacts"
nseeds=0 nseeds_table=0
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
    # fuzz_table's instance uses 4 KiB pages: the files of that page size, also cut to their first 64
    # pages (the engine attaches a truncated file; the tables whose pages are missing fail to read).
    if [ "$page_size" = 4096 ]; then
      head -c "$table_max_len" "$corpus/$file" >"$seeds_table/$name"
      nseeds_table=$((nseeds_table + 1))
    fi
  done < <(tail -n +2 "$corpus/MANIFEST.tsv")
  echo "== seeds: $nseeds database files of $corpus, first $pages pages each ($nseeds_table of 4 KiB pages for fuzz_table)"
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
  cp "$seeds/synthetic-4096.edb" "$seeds_table/"
  nseeds_table=1
fi

# Runs one target: name seconds max_len corpus_dir seeds_dir. Prints the statistics, or the report and the
# reproducer on a finding; returns non-zero then.
run_target() {
  local name=$1 t=$2 len=$3 dir=$4 seedsdir=$5
  local bin=$build/bin/$name log=$build/$name.log rc=0
  echo "== $name for ${t}s (max_len $len); log: $log"
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} \
    "$bin" -max_total_time="$t" -max_len="$len" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
           -artifact_prefix="$artifacts/$name-" "$dir" "$seedsdir" >"$log" 2>&1 || rc=$?
  grep -E '^INFO: seed corpus|^#[0-9]+[[:space:]]+INITED' "$log" | head -n 2 || true
  grep -E '^#[0-9]+[[:space:]]+(DONE|NEW|REDUCE|pulse|INITED)' "$log" | tail -n 1 || true
  grep -E '^stat::' "$log" || true
  local reproducer
  reproducer=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
  if [ "$rc" -ne 0 ] || [ -n "$reproducer" ]; then
    echo "== $name FAILED (exit $rc)"
    # The report: from the first sanitizer/libFuzzer error line to the end of the log.
    awk '/^==[0-9]+==ERROR|runtime error:|invariant violated|ERROR: libFuzzer|==[0-9]+== ERROR/ {p = 1} p' "$log" | head -n 120
    if [ -n "$reproducer" ]; then
      echo "reproducer: $reproducer"
      echo "reproduce:  $bin $reproducer"
    fi
    return 1
  fi
  echo "== $name: no crash in ${t}s (corpus: $dir)"
  return 0
}

secs_table=$((secs / 2))
secs_dbfile=$((secs - secs_table))
passed=0 failed=0
if run_target fuzz_dbfile "$secs_dbfile" "$max_len" "$build/corpus" "$seeds"; then
  passed=$((passed + 1)); else failed=$((failed + 1)); fi
if [ "$secs_table" -gt 0 ]; then
  if run_target fuzz_table "$secs_table" "$table_max_len" "$build/corpus-table" "$seeds_table"; then
    passed=$((passed + 1)); else failed=$((failed + 1)); fi
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
