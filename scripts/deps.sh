#!/usr/bin/env bash
# Installs the Debian 12 packages Quire needs, only those that are missing (idempotent, fast when done).
# Sourced or run by scripts/run and scripts/test.
set -euo pipefail

QUIRE_PACKAGES=(
  build-essential cmake ninja-build pkg-config ccache
  qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-svg-dev qt6-base-dev-tools
  libyaml-dev libyaml-cpp-dev nlohmann-json3-dev unixodbc-dev unixodbc odbc-postgresql libsqliteodbc   # libyaml: the YAML reader; yaml-cpp: tests only
  libsqlite3-dev sqlite3 catch2 libspdlog-dev libcli11-dev libvalijson-dev libgit2-dev qtkeychain-qt6-dev
  libbenchmark-dev postgresql-15 xvfb xauth imagemagick fonts-dejavu-core
  clang libclang-rt-14-dev   # the compiler of every build (scripts/build.sh); sanitizers and libFuzzer
  # The Debian package and its test (scripts/package, tests/package): dpkg-shlibdeps, the desktop entry and AppStream
  # validators, the shells whose completions are tested, groff for the man pages.
  dpkg-dev desktop-file-utils appstream shared-mime-info zsh fish groff-base
)

missing=()
for pkg in "${QUIRE_PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$pkg")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "quire: installing ${#missing[@]} missing package(s): ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "quire: need root or sudo to install packages" >&2; exit 1; }
    SUDO=sudo
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  # The Debian postgresql package starts a system cluster on 5432; the tests run their own cluster.
fi
