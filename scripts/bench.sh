#!/usr/bin/env bash
# Builds esent-bench (Release, in build-bench/) and runs it: the same workloads through ESENT,
# SQLite (WAL) and LMDB, reported as ops/s and ratios (docs/performance.md). Arguments go to the
# program, e.g.  scripts/bench.sh --rows 100000 --txns 20000 --lookups 100000 --engines sqlite,lmdb
# Installs SQLite and LMDB if they are missing. Not part of the tests: it asserts no timings.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/install-deps.sh bench
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DESENT_BUILD_BENCH=ON \
      -DESENT_BUILD_TESTS=OFF -DESENT_BUILD_TOOLS=OFF >/dev/null
cmake --build build-bench -j"$(nproc)" --target esent-bench >/dev/null
exec build-bench/bin/esent-bench "$@"
