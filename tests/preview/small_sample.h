#pragma once
// A small generated SQLite sample warehouse for planner tests: plans run on it through the ODBC driver and the
// expected values come from hand-written SQL on the same file.
#include <quire/connect/odbc.h>
#include <quire/connect/sample_warehouse.h>
#include <quire/preview/connect_params.h>
#include <quire/preview/planner.h>
#include <test_support.h>

#include <catch2/catch.hpp>

#include <map>
#include <string>

namespace quire::test {

struct SmallSample {
    std::string db;
    std::string odbc;
    SmallSample(const std::string& name, std::size_t eventRows) : db(makeTempDir(name) + "/marketing.db") {
        connect::SampleOptions small;
        small.eventRows = eventRows;
        connect::generateSqlite(db, small);
        odbc = "Driver=SQLite3;Database=" + db + ";";
    }
    connect::ResultSet run(const preview::PlannedQuery& plan) const {
        INFO(plan.sql);
        return connect::query(odbc, plan.sql, preview::toConnectParams(plan.parameters));
    }
    connect::ResultSet run(const std::string& sql) const { return connect::query(odbc, sql); }
    // (key, value) rows of a two-column query.
    std::map<std::string, std::string> pairs(const std::string& sql) const {
        std::map<std::string, std::string> out;
        const auto r = connect::query(odbc, sql);
        for (std::size_t i = 0; i < r.rowCount(); ++i) out[r.toString(i, 0)] = r.toString(i, 1);
        return out;
    }
};

} // namespace quire::test
