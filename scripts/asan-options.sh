# Sourced by scripts/test --sanitize and scripts/fuzz: the one clang configuration of build-asan/ (ASan + UBSan +
# libFuzzer instrumentation). -O1 with line tables only is what the sanitizers recommend. Unity sources and
# precompiled headers come from scripts/build.sh, as for every build; test programs opt out of unity sources
# (their files share helper names).
# Warnings are errors and the benchmarks are built, so this one build is all CI needs (.ci/run).
# QUIRE_SANITIZE_GUI=OFF leaves the Qt Widgets IDE and its tests out.
asan_cmake_options=(
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++
  -DQUIRE_SANITIZE=ON -DQUIRE_FUZZ=ON -DQUIRE_WERROR=ON -DQUIRE_BUILD_BENCHMARKS=ON
  -DQUIRE_BUILD_GUI="${QUIRE_SANITIZE_GUI:-ON}"
  -DCMAKE_UNITY_BUILD=ON
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only"
  "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only"
)
export QUIRE_BUILD_TYPE=${QUIRE_BUILD_TYPE:-RelWithDebInfo}
