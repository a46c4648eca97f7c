#!/usr/bin/env bash
# Configures and builds Quire into a build directory.
#   scripts/build.sh [BUILD_DIR] [extra cmake -D options...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${1:-$root/build}
shift || true
jobs=${QUIRE_JOBS:-$(nproc)}
# clang with precompiled headers and unity sources for the libraries builds in about half GCC 12's time (CI has
# 2 cores); Release is -O2. Later -D options (scripts/test --sanitize) override these. QUIRE_COMPILER=gcc keeps
# GCC (no precompiled headers: GCC 12 turns libstdc++ false positives into -Werror errors with them).
if [ "${QUIRE_COMPILER:-clang}" = gcc ]; then
  compiler=(-DCMAKE_C_COMPILER=gcc -DCMAKE_CXX_COMPILER=g++)
else
  compiler=(-DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_UNITY_BUILD=ON
            "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG" "-DCMAKE_C_FLAGS_RELEASE=-O2 -DNDEBUG")
fi
cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=${QUIRE_BUILD_TYPE:-Release} "${compiler[@]}" "$@" >/dev/null
cmake --build "$build_dir" -j "$jobs"
