#pragma once
// The sample warehouse in the throwaway PostgreSQL cluster ([pg] tests), in its own schema "main": the
// workbook's paths are [main, table], and the fixture's copy in `public` (which other [pg] tests read) stays
// untouched. Loaded once per cluster; an advisory lock serialises test processes that start in parallel.
#include <quire/connect/odbc.h>

#include <cstdint>
#include <memory>

namespace quire::test {

inline constexpr std::int64_t kPostgresSampleEvents = 20000;

// A connection whose search_path is the loaded schema `main` (so the custom SQL's bare names read it too).
std::shared_ptr<connect::Connection> postgresSample();

} // namespace quire::test
