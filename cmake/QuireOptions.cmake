# Build options shared by every target of the project.
option(QUIRE_WERROR "Treat compiler warnings as errors (CI sets this)" OFF)
option(QUIRE_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(QUIRE_BUILD_TESTS "Build the test suite" ON)
option(QUIRE_BUILD_BENCHMARKS "Build the benchmarks under bench/" ON)
option(QUIRE_BUILD_GUI "Build the Qt Widgets IDE" ON)

# Precompiled headers are on for clang only (scripts/build.sh builds with clang). GCC 12 reports its known false
# positives inside libstdc++ (-Wstringop-overflow, -Warray-bounds, -Wmaybe-uninitialized in
# char_traits.h/basic_string.h) as -Werror errors when the headers come from a precompiled header, and also at
# -O1/-O2; so a GCC build (QUIRE_COMPILER=gcc) keeps CMake's Release flags (-O3) and no precompiled header.
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  set(QUIRE_PCH_DEFAULT ON)
else()
  set(QUIRE_PCH_DEFAULT OFF)
endif()
option(QUIRE_PCH "Precompile the heavy third-party headers of each target (quire_precompile)" ${QUIRE_PCH_DEFAULT})

find_program(QUIRE_CCACHE ccache)
if(QUIRE_CCACHE)
  # ccache caches compilations that use a precompiled header only with this sloppiness (ccache manual,
  # "Precompiled headers"); without it every such compilation would be a miss.
  set(CMAKE_CXX_COMPILER_LAUNCHER env CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime "${QUIRE_CCACHE}")
  set(CMAKE_C_COMPILER_LAUNCHER "${QUIRE_CCACHE}")
endif()


# quire_precompile(<target> [headers...]): nlohmann/json and the common standard headers (plus the given
# ones) parsed once per target instead of once per file; parsing them was most of each file's compile time.
# Only third-party and standard headers go here, so module header isolation (QuireModule.cmake) still holds.
function(quire_precompile target)
  if(NOT QUIRE_PCH)
    return()
  endif()
  set(headers <nlohmann/json.hpp> <string> <vector> <map> <memory> <optional> <functional> <algorithm> ${ARGN})
  list(TRANSFORM headers PREPEND "$<$<COMPILE_LANGUAGE:CXX>:")
  list(TRANSFORM headers APPEND ">")
  target_precompile_headers(${target} PRIVATE ${headers})
endfunction()

# quire_warnings: link it (PRIVATE) into every project target.
add_library(quire_warnings INTERFACE)
target_compile_options(quire_warnings INTERFACE -Wall -Wextra -Wpedantic)
# GCC 12 reports false -Wrestrict errors inside libstdc++ for ordinary std::string concatenation at -O2/-O3
# (GCC bug 105329); the warning says nothing about our code there.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(quire_warnings INTERFACE -Wno-restrict)
endif()
if(QUIRE_WERROR)
  target_compile_options(quire_warnings INTERFACE -Werror)
endif()

if(QUIRE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# libFuzzer targets (tests/fuzz): needs clang. Every library is built with coverage instrumentation
# (fuzzer-no-link) so the fuzzers see inside it; only the fuzz executables link libFuzzer's main.
option(QUIRE_FUZZ "Build the libFuzzer targets under tests/fuzz (clang only)" OFF)
if(QUIRE_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "QUIRE_FUZZ needs clang: configure with -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
