#pragma once
// Helpers shared by the test programs.
#include <optional>
#include <string>

namespace quire::test {

std::string sourceDir();  // the project checkout
std::string binaryDir();  // the build directory
std::string sharedDir();  // ../shared beside the checkout (corpus, reference)
std::string readFile(const std::string& path);

// ODBC connection string of the throwaway PostgreSQL cluster started by the `postgres` ctest fixture
// (tests/fixtures/pg-fixture.sh), read from QUIRE_PG_CONNSTR or the fixture's env file. nullopt if none.
std::optional<std::string> postgresConnectionString();

// A fresh empty directory under the build tree for one test's files.
std::string makeTempDir(const std::string& tag);

} // namespace quire::test
