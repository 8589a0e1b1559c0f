#!/usr/bin/env bash
# Builds libesent.so and the demo on Linux, and runs the demo (the README's demo command).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/install-deps.sh demo
cmake -S . -B build/demo -DCMAKE_BUILD_TYPE=Release -DESENT_BUILD_TESTS=OFF >/dev/null
cmake --build build/demo -j"$(nproc)" --target esent-demo >/dev/null
mkdir -p build/demo/run
cd build/demo/run
exec ../bin/esent-demo "$@"
