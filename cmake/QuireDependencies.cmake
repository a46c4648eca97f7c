# Every dependency comes from Debian bookworm packages (see scripts/deps.sh). The libraries need only Qt Core and
# Network (secrets, publish); Qt Gui/Widgets/Charts/Svg only with the IDE, Qt Test only with the IDE tests.
# libgit2 (1.5, Debian's libgit2-dev) has no CMake package: pkg-config; only quire_vcs links it.
find_package(Qt6 6.4 REQUIRED COMPONENTS Core Network)
if(QUIRE_BUILD_GUI)
  find_package(Qt6 6.4 REQUIRED COMPONENTS Gui Widgets Charts Svg SvgWidgets DBus) # DBus: the desktop's colour scheme
  if(QUIRE_BUILD_TESTS)
    find_package(Qt6 6.4 REQUIRED COMPONENTS Test)
  endif()
endif()
find_package(nlohmann_json 3.11 REQUIRED) # target: nlohmann_json::nlohmann_json
find_package(ODBC REQUIRED)              # target: ODBC::ODBC
find_package(spdlog REQUIRED)            # target: spdlog::spdlog
find_package(CLI11 REQUIRED)             # target: CLI11::CLI11
find_package(valijson REQUIRED)          # target: valijson (header only)
find_package(Qt6Keychain REQUIRED)       # target: Qt6Keychain::Qt6Keychain
find_package(SQLite3 REQUIRED)           # target: SQLite::SQLite3 (warehouse generator)
find_package(Threads REQUIRED)           # target: Threads::Threads (preview scheduler)
find_package(PkgConfig REQUIRED)
pkg_check_modules(LIBGIT2 REQUIRED IMPORTED_TARGET libgit2>=1.5) # target: PkgConfig::LIBGIT2 (vcs)
pkg_check_modules(LIBYAML REQUIRED IMPORTED_TARGET yaml-0.1>=0.2.5) # target: PkgConfig::LIBYAML (the YAML reader, quire_doc)
if(QUIRE_BUILD_TESTS)
  find_package(yaml-cpp REQUIRED)        # target: yaml-cpp (tests only: an independent YAML reading in test_connect)
  find_package(Catch2 2 REQUIRED)
  include(Catch)
endif()
if(QUIRE_BUILD_BENCHMARKS)
  find_package(benchmark REQUIRED)       # target: benchmark::benchmark
endif()
