#!/usr/bin/env bash
# Configures and builds Quire into a build directory.
#   scripts/build.sh [BUILD_DIR] [extra cmake -D options...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${1:-$root/build}
shift || true
jobs=${QUIRE_JOBS:-$(nproc)}
cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=${QUIRE_BUILD_TYPE:-Release} "$@" >/dev/null
cmake --build "$build_dir" -j "$jobs"
