#!/bin/sh
# Builds and installs the headless quire CLI on Debian 12 (a CI container). Copy to ci/install-quire.sh in
# your workbook repository. QUIRE_GIT_URL / QUIRE_REF: where your team gets Quire's sources (a fork or mirror).
# Root is needed for apt-get; everything else is an ordinary CMake build (about 3 minutes on 2 cores).
set -eu
: "${QUIRE_GIT_URL:?set QUIRE_GIT_URL to the Quire repository your team uses}"
QUIRE_REF=${QUIRE_REF:-main}
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends git ca-certificates build-essential cmake ninja-build pkg-config \
  qt6-base-dev libyaml-dev nlohmann-json3-dev unixodbc-dev libsqlite3-dev libspdlog-dev libcli11-dev \
  libvalijson-dev qtkeychain-qt6-dev
git clone --depth 1 --branch "$QUIRE_REF" "$QUIRE_GIT_URL" /opt/quire-src
cmake -S /opt/quire-src -B /opt/quire-build -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DQUIRE_BUILD_GUI=OFF -DQUIRE_BUILD_TESTS=OFF -DQUIRE_BUILD_BENCHMARKS=OFF
cmake --build /opt/quire-build --target quire
install -m 0755 /opt/quire-build/bin/quire /usr/local/bin/quire
quire --version
