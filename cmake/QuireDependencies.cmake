# Every dependency comes from Debian bookworm packages (see scripts/deps.sh).
find_package(PkgConfig REQUIRED)
find_package(Qt6 6.4 REQUIRED COMPONENTS Core Gui Widgets Charts Svg SvgWidgets Network Test)
find_package(yaml-cpp REQUIRED)          # target: yaml-cpp
find_package(nlohmann_json 3.11 REQUIRED) # target: nlohmann_json::nlohmann_json
find_package(ODBC REQUIRED)              # target: ODBC::ODBC
find_package(spdlog REQUIRED)            # target: spdlog::spdlog
find_package(CLI11 REQUIRED)             # target: CLI11::CLI11
find_package(valijson REQUIRED)          # target: valijson
find_package(Qt6Keychain REQUIRED)       # target: Qt6Keychain::Qt6Keychain
find_package(SQLite3 REQUIRED)           # target: SQLite::SQLite3 (warehouse generator)
pkg_check_modules(LIBGIT2 REQUIRED IMPORTED_TARGET libgit2)
if(QUIRE_BUILD_TESTS)
  find_package(Catch2 2 REQUIRED)
  include(Catch)
endif()
if(QUIRE_BUILD_BENCHMARKS)
  find_package(benchmark REQUIRED)       # target: benchmark::benchmark
endif()
