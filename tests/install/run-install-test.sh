#!/bin/sh
# ctest `install: find_package(Quire)`: installs this build into a temporary prefix, builds the small project
# next to this script against it (find_package(Quire), Quire::validate + Quire::sql), runs it on the given
# workbooks and checks what it prints. Fails when the install or the exported package is broken.
# usage: run-install-test.sh BINARY_DIR VALID_WORKBOOK INVALID_WORKBOOK [CMAKE_ARGS...]
#   CMAKE_ARGS configure the consumer like the build (generator, compiler, build type, sanitizer flags).
set -eu
bin_dir=$1 valid=$2 invalid=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
src_dir=$(cd "$here/../.." && pwd)

fail() { echo "install test: $*" >&2; exit 1; }
[ -x "$bin_dir/bin/quire" ] || fail "$bin_dir/bin/quire is not built"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/quire-install-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix

cmake --install "$bin_dir" --prefix "$prefix" >"$tmp/install.log" || { cat "$tmp/install.log"; fail "cmake --install failed"; }
for f in bin/quire lib/cmake/Quire/QuireConfig.cmake lib/cmake/Quire/QuireConfigVersion.cmake \
         lib/cmake/Quire/QuireTargets.cmake lib/libquire_validate.a lib/libquire_sql.a \
         include/quire/core/diagnostic.h include/quire/validate/validator.h include/quire/sql/compiler.h; do
  [ -e "$prefix/$f" ] || fail "not installed: $f"
done
# The package must not point back into the source or build tree.
if grep -rlF -e "$src_dir" -e "$bin_dir" "$prefix/lib/cmake/Quire"; then fail "the installed package names the build tree"; fi

launcher=
command -v ccache >/dev/null 2>&1 && launcher=-DCMAKE_CXX_COMPILER_LAUNCHER=ccache
cmake -S "$here" -B "$tmp/build" "$@" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF $launcher >"$tmp/configure.log" 2>&1 \
  || { cat "$tmp/configure.log"; fail "configuring the consumer project failed"; }
cmake --build "$tmp/build" >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log"; fail "building the consumer project failed"; }

status=0
"$tmp/build/quire_embed" "$valid" "$invalid" >"$tmp/out.txt" 2>&1 || status=$?
cat "$tmp/out.txt"
[ "$status" -eq 0 ] || fail "quire_embed exited with $status"

expect() { grep -qF -- "$1" "$tmp/out.txt" || fail "missing from the output: $1"; }
expect "validated $valid: loaded=yes errors=0 warnings=0"
expect "validated $invalid: loaded=yes errors=1 "
expect "error [source/unknown-element]"
expect "sql (postgresql): CASE WHEN (\"t\".\"AMOUNT\" > 100) THEN DATE_TRUNC('month', \"t\".\"ORDER_DATE\") ELSE CURRENT_DATE END"
echo "install test: ok"
