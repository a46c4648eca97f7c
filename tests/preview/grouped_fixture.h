#pragma once
// Shared by the grouped-table / window / pivot planner tests: a small sales table in a SQLite file queried
// through the ODBC driver (the same path the preview takes), and result rows rendered as comparable text.
#include <catch2/catch.hpp>

#include <quire/connect/odbc.h>
#include <quire/preview/connect_params.h>
#include <quire/preview/planner.h>
#include <sqlite3.h>
#include <test_support.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace quire::test {

using Row = std::vector<std::string>;
using Rows = std::vector<Row>;

// Region totals by hand: East 35, West 70, North 40, NULL 10.
inline const char* kSalesRows =
    "CREATE TABLE sales (id INTEGER, region TEXT, city TEXT, amount REAL, \"we\"\"ird\" TEXT, \"o'neil [x\" REAL);"
    "INSERT INTO sales VALUES (1,'East','Boston',10,'a',1),(2,'East','Boston',20,'a',2),(3,'East','NYC',5,'b',3),"
    "(4,'West','LA',30,'b',4),(5,'West','SF',15,'a',5),(6,'West','SF',25,NULL,6),(7,NULL,'Nowhere',8,'a',7),"
    "(8,NULL,NULL,2,'b',8),(9,'North','Oslo',40,'b',9);";

inline std::string cell(const connect::ResultSet& r, std::size_t row, std::size_t column) {
    const auto v = r.value(row, column);
    if (std::holds_alternative<std::monostate>(v)) return "NULL";
    double d = 0;
    if (std::holds_alternative<std::int64_t>(v)) d = double(std::get<std::int64_t>(v));
    else if (std::holds_alternative<double>(v)) d = std::get<double>(v);
    else {
        // Untyped expression columns (SQLite) come back as text: "20.0" compares as the number it spells.
        const std::string text = r.toString(row, column);
        char* end = nullptr;
        d = std::strtod(text.c_str(), &end);
        if (text.empty() || end != text.c_str() + text.size()) return text;
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", d); // integers and reals compare alike
    return buf;
}

inline Rows rowsOf(const connect::ResultSet& r) {
    Rows out;
    for (std::size_t i = 0; i < r.rowCount(); ++i) {
        Row row;
        for (std::size_t c = 0; c < r.columns.size(); ++c) row.push_back(cell(r, i, c));
        out.push_back(std::move(row));
    }
    return out;
}

struct SalesDb {
    std::string path = makeTempDir("grouped") + "/sales.db";
    std::string odbc = "Driver=SQLite3;Database=" + path + ";";
    SalesDb() {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db, kSalesRows, nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    Rows run(const preview::PlannedQuery& plan) const {
        INFO(plan.sql);
        for (const auto& d : plan.diagnostics) UNSCOPED_INFO(d.rule << " " << d.pointer << ": " << d.message);
        REQUIRE(plan.ok());
        return rowsOf(connect::query(odbc, plan.sql, preview::toConnectParams(plan.parameters)));
    }
    Rows run(const std::string& sql) const { return rowsOf(connect::query(odbc, sql)); }
};

} // namespace quire::test
