#pragma once
#include <quire/connect/odbc.h>

#include <string>

namespace quire::test {
// A fresh SQLite database (through the SQLite3 ODBC driver) in a temp dir; returns its connection string.
std::string freshSqliteConnectionString(const std::string& tag);
// Skips (via FAIL) when the postgres fixture is missing: [pg] tests always run with it.
std::string requirePostgres();
std::string pgEnvValue(const std::string& key); // from the fixture's connection.env
// The fixture through a `postgresql` profile: the connection string users get (with Quire's driver settings).
std::string postgresProfileConnectionString();
} // namespace quire::test
