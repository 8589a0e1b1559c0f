#!/usr/bin/env bash
# usage: check-install.sh BUILD_DIR SOURCE_DIR SCRATCH_DIR
# Installs BUILD_DIR into SCRATCH_DIR/prefix, then builds and runs consumer.c twice: with
# `pkg-config --cflags --libs esent` and with a CMake project using find_package(esent).
set -euo pipefail
build=$1 src=$2 scratch=$3
rm -rf "$scratch" && mkdir -p "$scratch"
prefix=$scratch/prefix
cmake --install "$build" --prefix "$prefix" >"$scratch/install.log"
libdir=$(dirname "$(find "$prefix" -name esent.pc | head -n 1)")/..
export PKG_CONFIG_PATH=$libdir/pkgconfig LD_LIBRARY_PATH=$libdir
test -f "$prefix/include/esent.h"

cc -std=c99 -Wall -Wextra -pedantic -Werror -o "$scratch/consumer-pc" "$src/consumer.c" \
   $(pkg-config --cflags --libs esent)
"$scratch/consumer-pc"

mkdir -p "$scratch/cmake-consumer"
cat >"$scratch/cmake-consumer/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.20)
project(consumer C)
find_package(esent REQUIRED)
add_executable(consumer-cmake $src/consumer.c)
target_link_libraries(consumer-cmake PRIVATE esent::esent)
CMAKE
cmake -S "$scratch/cmake-consumer" -B "$scratch/cmake-consumer/build" -DCMAKE_PREFIX_PATH="$prefix" >"$scratch/cmake.log"
cmake --build "$scratch/cmake-consumer/build" >>"$scratch/cmake.log"
"$scratch/cmake-consumer/build/consumer-cmake"
echo "1 passed, 0 failed"
